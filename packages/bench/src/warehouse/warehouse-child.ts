/**
 * The warehouse figure's run, in a process of its own so that its peak
 * resident memory is the Node.js process's own (DuckDB's buffers included):
 * `warehouse-child.ts <export folder> <work folder> [DuckDB memory_limit]`. With a file-backed DuckDB
 * database in the work folder it times (a) `loadExportsIntoWarehouse`, (b)
 * compiling and running the 13 seed audiences (counted in SQL, no member is
 * read into Node.js), (c) activating the largest person audience from its
 * query (`source: "sql"`) to the local-folder destination. Prints one JSON line.
 */
import { mkdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { compileAudienceSql } from "@abm-kit/audience-sql";
import { activate, JsonFileStateStore, localFolderDestination, sqlMemberSource, type ActivationPlanInput } from "@abm-kit/destinations";
import { seedAudiences } from "@abm-kit/examples/audiences";
import { duckdbRowStream, loadExportsIntoWarehouse } from "@abm-kit/warehouse";
import { BENCH_NOW } from "../dataset.js";
import { EXPORT_RELATED_TABLES, exportFileList } from "../files/export-list.js";
import { MEMORY_LIMIT } from "./memory-limit.js";

/** One phase's cost: wall time, CPU time of the process (every thread, user + system), peak RSS of the process so far. */
export interface PhaseCost {
  readonly ms: number;
  readonly cpuMs: number;
  readonly peakRssBytes: number;
}

/** What the warehouse child reports. */
export interface WarehouseRun {
  readonly load: PhaseCost;
  readonly audiences: PhaseCost;
  readonly activation: PhaseCost;
  /** Rounds of label propagation of the person and the account clustering. */
  readonly rounds: { readonly persons: number; readonly accounts: number };
  /** Rows per layout table after the load. */
  readonly tables: Readonly<Record<string, number>>;
  /** Members of each seed audience, as the compiled SQL counts them. */
  readonly counts: readonly { readonly id: string; readonly type: "person" | "account"; readonly members: number }[];
  readonly activated: {
    readonly audienceId: string;
    readonly realized: number;
    readonly exported: number;
    readonly status: string;
    readonly fileBytes: number;
  };
  /** Bytes of the DuckDB database file (and its write-ahead log, if any) at the end. */
  readonly databaseBytes: number;
}

async function phase<T>(work: () => Promise<T>): Promise<{ value: T; cost: PhaseCost }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return { value, cost: { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, peakRssBytes: process.resourceUsage().maxRSS * 1024 } };
}

const sizeOf = (path: string) => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};

async function run(folder: string, work: string, memoryLimit: string | undefined): Promise<WarehouseRun> {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const databasePath = join(work, "bench.duckdb");
  const instance = await DuckDBInstance.create(databasePath);
  const connection = await instance.connect();
  // DuckDB's buffers are in this process: its default limit (80% of the machine's memory) is far above an RSS budget
  if (memoryLimit !== undefined) await connection.run(`SET memory_limit = '${memoryLimit}'`);
  try {
    const load = await phase(() =>
      loadExportsIntoWarehouse({ dialect: "duckdb", connection }, exportFileList(folder), { relatedTables: EXPORT_RELATED_TABLES }),
    );
    const { layout } = load.value;

    const audiences = await phase(async () => {
      const counts: { id: string; type: "person" | "account"; members: number }[] = [];
      for (const audience of seedAudiences) {
        const compiled = compileAudienceSql(audience, { dialect: "duckdb", now: BENCH_NOW, layout });
        const rows = (await connection.runAndReadAll(`SELECT count(*) FROM (${compiled.sql}) AS members`, compiled.params as never)).getRows();
        counts.push({ id: audience.id, type: compiled.type, members: Number(rows[0]![0]) });
      }
      return counts;
    });

    const largest = audiences.value.filter((c) => c.type === "person").sort((a, b) => b.members - a.members)[0];
    if (largest === undefined) throw new Error("no person audience among the seed audiences");
    const audience = seedAudiences.find((a) => a.id === largest.id)!;
    const exportDir = join(work, "exports");
    const plan: ActivationPlanInput = {
      id: "bench-warehouse",
      name: "The largest seed person audience, read from DuckDB",
      destination: { id: "local-folder", settings: { path: exportDir, format: "csv", fileNameTemplate: "%AUDIENCE_ID%_%MODE%" } },
      audiences: [{ audienceId: audience.id, source: "sql" }],
      mapping: {
        person: [
          { source: "person.email", target: "email_sha256", transforms: ["sha256Email"] },
          { source: "account.name", target: "company" },
        ],
      },
    };
    const activation = await phase(() =>
      activate(plan, {
        destination: localFolderDestination,
        audiences: [],
        memberSources: [
          sqlMemberSource({
            query: compileAudienceSql(audience, { dialect: "duckdb", now: BENCH_NOW, layout }),
            layout,
            rows: duckdbRowStream(connection),
            audienceName: audience.name,
          }),
        ],
        now: BENCH_NOW,
        state: new JsonFileStateStore(join(work, "state")),
      }),
    );
    const report = activation.value.audiences[0]!;
    const files = report.manifest?.files ?? [];
    return {
      load: load.cost,
      audiences: audiences.cost,
      activation: activation.cost,
      rounds: load.value.rounds,
      tables: load.value.tables,
      counts: audiences.value,
      activated: {
        audienceId: audience.id,
        realized: report.realized,
        exported: report.exported,
        status: activation.value.status,
        fileBytes: files.reduce((n, f) => n + sizeOf(join(exportDir, f.name)), 0),
      },
      databaseBytes: 0,
    };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const [folder, work, memoryLimit] = process.argv.slice(2);
if (folder === undefined || work === undefined) throw new Error("usage: warehouse-child.ts <export folder> <work folder> [DuckDB memory_limit]");
if (memoryLimit !== undefined && !MEMORY_LIMIT.test(memoryLimit)) throw new Error(`the DuckDB memory limit takes a size such as 512MB, not ${memoryLimit}`);
const result = await run(folder, work, memoryLimit);
const databaseBytes = sizeOf(join(work, "bench.duckdb")) + sizeOf(join(work, "bench.duckdb.wal"));
process.stdout.write(`${JSON.stringify({ ...result, databaseBytes })}\n`);
