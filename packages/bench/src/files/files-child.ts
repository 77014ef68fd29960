/**
 * One engine's run of the files figure, in a process of its own so that its
 * peak resident memory is its own: `files-child.ts ours|duckdb <folder>`.
 * Prints one JSON line: time, peak RSS, and what was built (for the equality check).
 */
import { createHash } from "node:crypto";
import { DuckDBInstance } from "@duckdb/node-api";
import { toSnapshot, type Snapshot } from "@abm-kit/core";
import { loadExports, type FileReport } from "@abm-kit/sources";
import { BENCH_NOW } from "../dataset.js";
import { collectGarbage } from "../measure.js";
import { filesBaselineSql } from "./duckdb-files-sql.js";
import { EXPORT_RELATED_TABLES, exportFileList } from "./export-list.js";

/** What one child run reports. */
export interface FilesRun {
  readonly engine: "ours" | "duckdb";
  readonly ms: number;
  /** CPU time of the process (every thread, user + system) over the same span: less sensitive to a busy machine than `ms`. */
  readonly cpuMs: number;
  readonly peakRssBytes: number;
  /** Ours: heap + array buffers the finished Snapshot holds (after collection). */
  readonly snapshotBytes?: number;
  readonly personsHash: string;
  readonly persons: number;
  readonly links: number;
  readonly personEvents: number;
  readonly accountEvents: number;
  readonly rows?: Readonly<Record<string, number>>;
  readonly rejected?: number;
}

const hashOf = (ids: Iterable<string>) => {
  const hash = createHash("sha256");
  for (const id of ids) hash.update(`${id}\n`);
  return hash.digest("hex").slice(0, 16);
};

const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

/** Heap + array buffers in use after everything collectable is collected (streams finish closing on later ticks). */
async function residentBytes(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    collectGarbage();
  }
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

async function ours(folder: string): Promise<FilesRun> {
  collectGarbage();
  const cpu = process.cpuUsage();
  const start = performance.now();
  let { snapshot, reports } = await build(folder);
  const ms = performance.now() - start;
  const cpuTime = cpuMs(cpu);
  const peakRssBytes = process.resourceUsage().maxRSS * 1024;
  const summary = {
    persons: snapshot.persons.size,
    links: snapshot.links.size,
    personEvents: snapshot.personEvents.size,
    accountEvents: snapshot.accountEvents.size,
    rows: snapshot.summary(),
    personsHash: hashOf(snapshot.persons.ids!),
  };
  // the Snapshot's own size: what is resident with it, less what is resident once it is gone
  const withSnapshot = await residentBytes();
  snapshot = undefined as unknown as Snapshot;
  const snapshotBytes = withSnapshot - (await residentBytes());
  return {
    engine: "ours",
    ms,
    cpuMs: cpuTime,
    peakRssBytes,
    snapshotBytes,
    ...summary,
    rejected: reports.reduce((n, r) => n + r.rejected, 0),
  };
}

async function build(folder: string): Promise<{ snapshot: Snapshot; reports: readonly FileReport[] }> {
  const { graph, reports } = await loadExports(exportFileList(folder), { workers: process.argv.includes("--workers") });
  return { snapshot: toSnapshot(graph, { asOf: BENCH_NOW, relatedTables: EXPORT_RELATED_TABLES }), reports };
}

async function duckdb(folder: string): Promise<FilesRun> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const db = await DuckDBInstance.create(":memory:");
  const connection = await db.connect();
  for (const sql of filesBaselineSql(folder)) await connection.run(sql);
  const ms = performance.now() - start;
  const cpuTime = cpuMs(cpu);
  const peakRssBytes = process.resourceUsage().maxRSS * 1024;
  const count = async (sql: string) => Number((await connection.runAndReadAll(sql)).getRows()[0]![0]);
  const ids = (await connection.runAndReadAll("SELECT id FROM persons ORDER BY id")).getRows().map((r) => String(r[0]));
  const run: FilesRun = {
    engine: "duckdb",
    ms,
    cpuMs: cpuTime,
    peakRssBytes,
    personsHash: hashOf(ids),
    persons: ids.length,
    links: await count("SELECT count(*) FROM links"),
    personEvents: await count("SELECT count(*) FROM person_events"),
    accountEvents: await count("SELECT count(*) FROM account_events"),
  };
  connection.closeSync();
  db.closeSync();
  return run;
}

const [engine, folder] = process.argv.slice(2);
if (folder === undefined || (engine !== "ours" && engine !== "duckdb")) throw new Error("usage: files-child.ts ours|duckdb <folder> [--workers]");
const run = engine === "ours" ? await ours(folder) : await duckdb(folder);
process.stdout.write(`${JSON.stringify(run)}\n`);
