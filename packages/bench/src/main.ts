/**
 * `pnpm bench [--scale <factor>] [--json <file>] [--runs <n>] [--docs] [--only files] [--files-runs <n>]`
 *
 * Runs abm-kit against DuckDB on the same synthetic data and prints a table.
 * Without --scale it measures scales 0.01, 0.1 and 1 and rewrites
 * docs/benchmarks.md; with --scale only that scale (add --docs to rewrite the
 * report anyway). --json writes { figures: [{ name, ours_ms, baseline_ms, ratio }],
 * streaming: [{ scale, p50_ms, p99_ms, events_per_s }] }. --stream-events sets how
 * many new events the streaming figure applies (100,000), --stream-passes how
 * many times it runs them into a fresh evaluator (5; the median pass is kept).
 * The files figure (export files → identity → Snapshot against DuckDB's
 * read_csv + SQL joins, each engine in a child process) runs first at every
 * scale, --files-runs times (3); --only files runs nothing else (with --docs
 * it rewrites only the files section of the report). --only warehouse runs only
 * the warehouse figure (the same export files loaded into a file-backed DuckDB
 * database, the seed audiences run in SQL, the largest person audience
 * activated from its query, in a child process) and prints it; it writes no
 * report (its section of docs/benchmarks.md is kept when the report is rewritten);
 * --duckdb-memory <size> sets DuckDB's memory_limit in that child (e.g. 512MB);
 * --duckdb-threads <n> and --duckdb-temp-directory <path> its threads and spill folder; --child-heap <MB>
 * caps that child's V8 heap (--max-old-space-size); --activation-duckdb-memory <size> and
 * --activation-duckdb-threads <n> set memory_limit and threads for the activation, which opens the database
 * anew (default: the load's). The child runs with glibc malloc settings that hand freed memory back
 * (`glibcMallocEnv`; set MALLOC_ARENA_MAX, MALLOC_MMAP_THRESHOLD_ or MALLOC_TRIM_THRESHOLD_ to override) and
 * sets DuckDB's allocator flush thresholds to 1MB (`applyAllocatorFlush`).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { DuckDBInstance, version as duckdbVersion } from "@duckdb/node-api";
import { seedAudiences } from "@abm-kit/examples/audiences";
import { measureSeedAudiences, type Figure } from "./audience-figures.js";
import { measureBuild, measureBuildWithIdentity, measureSnapshotMemory } from "./build-figures.js";
import { buildBenchSnapshot } from "./build-snapshot.js";
import { BENCH_NOW, SyntheticDataset } from "./dataset.js";
import { loadIntoDuckDB } from "./duckdb-tables.js";
import { measureFiles, type FilesFigure } from "./files/files-figure.js";
import { MEMORY_LIMIT } from "./warehouse/memory-limit.js";
import { duckDBSettingsOf } from "./warehouse/duckdb-settings.js";
import { formatWarehouseFigure, measureWarehouse } from "./warehouse/warehouse-figure.js";
import { WAREHOUSE_SECTION, withKeptSection } from "./warehouse/kept-section.js";
import { formatFilesTable, formatMarkdown, formatTable, replaceFilesSection, type BenchResult } from "./report.js";
import { measureCompiledSql } from "./sql-figures.js";
import { measureStreaming } from "./streaming-figures.js";
import { BASELINE_DERIVED_COLUMNS } from "./seed-sql.js";
import { s3SectionOf, withS3Section } from "./s3-export-figures.js";

const { values } = parseArgs({
  options: {
    scale: { type: "string" },
    json: { type: "string" },
    runs: { type: "string", default: "5" },
    docs: { type: "boolean", default: false },
    "stream-events": { type: "string", default: "100000" },
    "stream-passes": { type: "string", default: "5" },
    only: { type: "string" },
    "files-runs": { type: "string", default: "3" },
    "duckdb-memory": { type: "string" },
    "duckdb-threads": { type: "string" },
    "duckdb-temp-directory": { type: "string" },
    "child-heap": { type: "string" },
    "activation-duckdb-memory": { type: "string" },
    "activation-duckdb-threads": { type: "string" },
  },
});

const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs takes a whole number of at least 1");
const scales = values.scale === undefined ? [0.01, 0.1, 1] : [Number(values.scale)];
if (scales.some((s) => !(s > 0))) throw new Error("--scale takes a positive number");

const filesRuns = Number(values["files-runs"]);
if (!Number.isInteger(filesRuns) || filesRuns < 1) throw new Error("--files-runs takes a whole number of at least 1");
if (values.only !== undefined && values.only !== "files" && values.only !== "warehouse") throw new Error("--only takes: files, warehouse");

const duckdbMemory = values["duckdb-memory"];
if (duckdbMemory !== undefined && !MEMORY_LIMIT.test(duckdbMemory)) throw new Error("--duckdb-memory takes a size such as 512MB");

const childHeap = values["child-heap"] === undefined ? undefined : Number(values["child-heap"]);
if (childHeap !== undefined && !(Number.isInteger(childHeap) && childHeap > 0)) throw new Error("--child-heap takes a size in MB such as 600");

const activation = duckDBSettingsOf({ "memory-limit": values["activation-duckdb-memory"], threads: values["activation-duckdb-threads"] });

if (values.only === "warehouse") {
  for (const scale of scales) {
    console.log(`\nscale ${scale}: files → warehouse (DuckDB file) → seed audiences → activation`);
    const duckdb = duckDBSettingsOf({ threads: values["duckdb-threads"], "temp-directory": values["duckdb-temp-directory"] });
    const figure = await measureWarehouse(scale, values["duckdb-memory"], (line) => console.log(`  ${line}`), duckdb, childHeap, activation);
    console.log(formatWarehouseFigure(figure));
  }
  process.exit(0);
}

const filesFigures: FilesFigure[] = [];
for (const scale of scales) {
  console.log(`\nscale ${scale}: files → identity → Snapshot`);
  const figure = await measureFiles(scale, filesRuns, (line) => console.log(`  ${line}`));
  console.log(formatFilesTable([figure]));
  filesFigures.push(figure);
}

const scaleResults: BenchResult["scales"][number][] = [];
for (const scale of values.only === "files" ? [] : scales) {
  const label = `x${scale}`;
  const data = new SyntheticDataset(scale);
  console.log(`\nscale ${scale}: ${data.accountCount} accounts, ${data.personCount} persons, ${data.eventCount} person events`);
  console.log("  snapshot memory…");
  const memory = measureSnapshotMemory(data);
  const progress = (what: string) => console.log(`  ${what}…`);
  progress("build with identity resolution");
  const figures: Figure[] = [await measureBuildWithIdentity(data, { runs, label })];
  progress("build");
  figures.push(await measureBuild(data, { runs, label }));
  const snapshot = buildBenchSnapshot(data);
  const db = await DuckDBInstance.create(":memory:");
  const connection = await db.connect();
  await loadIntoDuckDB(connection, data);
  for (const sql of BASELINE_DERIVED_COLUMNS) await connection.run(sql);
  progress("seed audiences");
  figures.push(...(await measureSeedAudiences(seedAudiences, snapshot, connection, { now: BENCH_NOW, runs, label })));
  progress("compiled SQL");
  figures.push(...(await measureCompiledSql(seedAudiences, snapshot, connection, { now: BENCH_NOW, runs, label })));
  connection.closeSync();
  db.closeSync();
  console.log("  streaming…");
  const streaming = measureStreaming(seedAudiences, snapshot, data, Number(values["stream-events"]), () => performance.now(), Number(values["stream-passes"]));
  console.log(formatTable(figures));
  console.log(`snapshot resident memory: ${memory.totalMB.toFixed(0)} MB`);
  console.log(
    `streaming: p50 ${streaming.p50Ms.toFixed(3)} ms, p99 ${streaming.p99Ms.toFixed(3)} ms, ${Math.round(streaming.changesPerSecond)} events/s (median of passes: ${streaming.passes.map((r) => Math.round(r)).join(", ")})`,
  );
  scaleResults.push({ scale, rows: snapshot.summary(), memory, figures, streaming });
}

const result: BenchResult = { date: new Date().toISOString(), scales: scaleResults, files: filesFigures, runs, duckdbVersion: duckdbVersion() };
if (values.json) {
  const streaming = scaleResults.map((s) => ({
    scale: s.scale,
    p50_ms: s.streaming.p50Ms,
    p99_ms: s.streaming.p99Ms,
    events_per_s: s.streaming.changesPerSecond,
  }));
  writeFileSync(values.json, `${JSON.stringify({ figures: scaleResults.flatMap((s) => s.figures), streaming, files: filesFigures }, null, 2)}\n`);
  console.log(`wrote ${values.json}`);
}
if (values.scale === undefined || values.docs) {
  const target = resolve(import.meta.dirname, "../../../docs/benchmarks.md");
  if (values.only === "files") {
    writeFileSync(target, replaceFilesSection(readFileSync(target, "utf8"), result));
  } else {
    // the S3 export section is written by `pnpm bench:s3`: keep it
    const previous = existsSync(target) ? readFileSync(target, "utf8") : "";
    const s3Section = s3SectionOf(previous);
    const markdown = s3Section === undefined ? formatMarkdown(result) : withS3Section(formatMarkdown(result), s3Section);
    // the warehouse section is written by hand from `--only warehouse` runs: keep it too
    writeFileSync(target, withKeptSection(markdown, previous, WAREHOUSE_SECTION));
  }
  console.log(`wrote ${target}`);
}
