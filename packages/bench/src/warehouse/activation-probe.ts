/**
 * The activation phase of the warehouse figure alone, on a DuckDB database a
 * warehouse run already loaded (use a copy: other runs overwrite theirs):
 *
 *   activation-probe.ts <database> <layout.json> <work folder> [--memory-limit 300MB] [--threads N] [--temp-directory path] [--runs 2]
 *   activation-probe.ts <database> --duplicate-persons 5
 *
 * DuckDB flushes its allocator after each task, as in the warehouse child
 * (`applyAllocatorFlush`). The first form activates the bench audience (`benchActivationAudience`) from
 * SQL to the local folder in `<work folder>` (emptied first), `--runs` times
 * (the second run is incremental against the state the first saved), and
 * prints one JSON line: the process's RSS before, and per run the wall time,
 * CPU time, peak RSS so far, members realized and exported, and bytes of the
 * state and export files. The second form rewrites the database's `persons`
 * and `links` tables with every person (and its links) copied N times under
 * new ids, so the audience has N times the members (1M from a scale-1 database).
 */
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { parseArgs } from "node:util";
import { SqlLayoutSchema } from "@abm-kit/audience-sql";
import { benchActivationAudience } from "./bench-audience.js";
import { DUCKDB_SETTINGS_OPTIONS, duckDBSettingsOf } from "./duckdb-settings.js";
import { closeDatabase, openDatabase } from "./open-database.js";
import { phase } from "./phase-cost.js";
import { activateFromSql } from "./sql-activation.js";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { ...DUCKDB_SETTINGS_OPTIONS, runs: { type: "string" }, "duplicate-persons": { type: "string" } },
});
const [database, layoutFile, work] = positionals;
if (database === undefined) throw new Error("usage: activation-probe.ts <database> <layout.json> <work folder> [options] | <database> --duplicate-persons N");

const opened = await openDatabase(database, duckDBSettingsOf(values));
const { connection } = opened;
try {
  const copies = values["duplicate-persons"];
  if (copies !== undefined) {
    const n = Number(copies);
    if (!(Number.isInteger(n) && n > 1)) throw new Error("--duplicate-persons takes an integer above 1");
    // copy k of a person is `<id>~k` (copy 0 keeps its id); its links follow it
    await connection.run(
      `CREATE OR REPLACE TABLE persons AS SELECT * EXCLUDE (k) REPLACE (CASE WHEN k = 0 THEN id ELSE id || '~' || k END AS id, CAST(row_number() OVER () - 1 AS INTEGER) AS _row) FROM (SELECT p.*, r.range AS k FROM persons AS p CROSS JOIN range(${n}) AS r)`,
    );
    await connection.run(
      `CREATE OR REPLACE TABLE links AS SELECT * EXCLUDE (k) REPLACE (CASE WHEN k = 0 THEN _person_id ELSE _person_id || '~' || k END AS _person_id, CAST(row_number() OVER () - 1 AS INTEGER) AS _row) FROM (SELECT l.*, r.range AS k FROM links AS l CROSS JOIN range(${n}) AS r)`,
    );
    const rows = (await connection.runAndReadAll("SELECT (SELECT count(*) FROM persons), (SELECT count(*) FROM links)")).getRows()[0]!;
    process.stdout.write(`${JSON.stringify({ persons: Number(rows[0]), links: Number(rows[1]) })}\n`);
  } else {
    if (layoutFile === undefined || work === undefined) throw new Error("the probe needs <layout.json> and <work folder>");
    const layout = SqlLayoutSchema.parse(JSON.parse(readFileSync(layoutFile, "utf8")));
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    const rssBefore = process.memoryUsage().rss;
    // the largest V8 heap and RSS seen, sampled every 100 ms (the heap part of the peak; the rest is DuckDB and buffers)
    const peak = { heapUsed: 0, rss: 0 };
    // the process's memory by part when its RSS was highest (V8 heap committed and used, buffers outside it)
    let atPeak: NodeJS.MemoryUsage | undefined;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
      if (m.rss > peak.rss) atPeak = m;
      peak.rss = Math.max(peak.rss, m.rss);
    }, 100);
    const runs = [];
    for (let i = 0; i < Number(values.runs ?? "1"); i++) {
      const { value, cost } = await phase(() => activateFromSql(connection, layout, benchActivationAudience, work));
      runs.push({ ...cost, ...value, sampledPeakHeapUsed: peak.heapUsed, atPeakRss: atPeak });
      process.stderr.write(`run ${i + 1}: ${JSON.stringify(runs[i])}\n`); // kept if a later run dies
    }
    clearInterval(sampler);
    process.stdout.write(`${JSON.stringify({ settings: duckDBSettingsOf(values), rssBefore, runs })}\n`);
  }
} finally {
  closeDatabase(opened);
}
