/**
 * The warehouse figure's run, in a process of its own so that its peak
 * resident memory is the Node.js process's own (DuckDB's buffers included):
 * `warehouse-child.ts <export folder> <work folder> [DuckDB memory_limit] [--threads N] [--temp-directory path] [--activation-memory-limit size] [--activation-threads N]`.
 * With a file-backed DuckDB database in the work folder it times (a)
 * `loadExportsIntoWarehouse`, (b) compiling and running the 13 seed audiences
 * (counted in SQL, no member is read into Node.js), (c) activating the bench's
 * own person audience of about 20% of persons (`benchActivationAudience`, not
 * a seed audience) from its query (`source: "sql"`) to the local-folder
 * destination, on the database opened anew (as a job of its own would open
 * it; closing hands back what DuckDB kept from the load). Writes the layout
 * the load returned to `<work>/layout.json` (the activation probe reuses it),
 * each load statement's time and the peak RSS so far to
 * `<work>/statements.tsv`, and prints one JSON line.
 */
import { mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { compileAudienceSql } from "@abm-kit/audience-sql";
import { seedAudiences } from "@abm-kit/examples/audiences";
import { loadExportsIntoWarehouse } from "@abm-kit/warehouse";
import { BENCH_NOW } from "../dataset.js";
import { EXPORT_RELATED_TABLES, exportFileList } from "../files/export-list.js";
import { benchActivationAudience } from "./bench-audience.js";
import { DUCKDB_SETTINGS_OPTIONS, duckDBSettingsOf, type DuckDBSettings } from "./duckdb-settings.js";
import { closeDatabase, openDatabase } from "./open-database.js";
import { phase, type PhaseCost } from "./phase-cost.js";
import { activateFromSql, type SqlActivation } from "./sql-activation.js";
import { loggingRunner } from "./statement-log.js";

export type { PhaseCost } from "./phase-cost.js";

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
  readonly activated: SqlActivation;
  /** Bytes of the DuckDB database file (and its write-ahead log, if any) at the end. */
  readonly databaseBytes: number;
}

const sizeOf = (path: string) => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};

async function run(folder: string, work: string, settings: DuckDBSettings, activationSettings: DuckDBSettings): Promise<WarehouseRun> {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const databasePath = join(work, "bench.duckdb");
  let database = await openDatabase(databasePath, settings);
  try {
    const { connection } = database;
    const load = await phase(() =>
      loadExportsIntoWarehouse({ dialect: "duckdb", connection: loggingRunner(connection, join(work, "statements.tsv")) }, exportFileList(folder), {
        relatedTables: EXPORT_RELATED_TABLES,
      }),
    );
    const { layout } = load.value;
    writeFileSync(join(work, "layout.json"), JSON.stringify(layout));

    const audiences = await phase(async () => {
      const counts: { id: string; type: "person" | "account"; members: number }[] = [];
      for (const audience of seedAudiences) {
        const compiled = compileAudienceSql(audience, { dialect: "duckdb", now: BENCH_NOW, layout });
        const rows = (await connection.runAndReadAll(`SELECT count(*) FROM (${compiled.sql}) AS members`, compiled.params as never)).getRows();
        counts.push({ id: audience.id, type: compiled.type, members: Number(rows[0]![0]) });
        // printed as they come, so a run that fails later still shows them
        process.stderr.write(`  seed audience ${audience.id}: ${Number(rows[0]![0]).toLocaleString("en-US")} ${compiled.type}s\n`);
      }
      return counts;
    });

    // The activation opens the database anew, as a job of its own would: closing the instance hands back what DuckDB
    // kept from the load (at scale 1, RSS fell by about 130 MB on closing, after the memory limit was already lowered).
    // It holds its members' ids and state in the V8 heap: DuckDB can be given less then.
    closeDatabase(database);
    // the activation's settings, each one not given being the load's
    database = await openDatabase(databasePath, { ...settings, ...activationSettings });
    const reopened = database.connection;
    const activation = await phase(() => activateFromSql(reopened, layout, benchActivationAudience, work));
    return {
      load: load.cost,
      audiences: audiences.cost,
      activation: activation.cost,
      rounds: load.value.rounds,
      tables: load.value.tables,
      counts: audiences.value,
      activated: activation.value,
      databaseBytes: 0,
    };
  } finally {
    closeDatabase(database);
  }
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { ...DUCKDB_SETTINGS_OPTIONS, "activation-memory-limit": { type: "string" }, "activation-threads": { type: "string" } },
});
const [folder, work, memoryLimit] = positionals;
if (folder === undefined || work === undefined)
  throw new Error(
    "usage: warehouse-child.ts <export folder> <work folder> [DuckDB memory_limit] [--threads N] [--temp-directory path] [--activation-memory-limit size] [--activation-threads N]",
  );
const { "activation-memory-limit": activationMemoryLimit, "activation-threads": activationThreads, ...duckdbValues } = values;
const settings = duckDBSettingsOf({ ...duckdbValues, ...(memoryLimit === undefined ? {} : { "memory-limit": memoryLimit }) });
const activationSettings = duckDBSettingsOf({ "memory-limit": activationMemoryLimit, threads: activationThreads });
const result = await run(folder, work, settings, activationSettings);
const databaseBytes = sizeOf(join(work, "bench.duckdb")) + sizeOf(join(work, "bench.duckdb.wal"));
process.stdout.write(`${JSON.stringify({ ...result, databaseBytes })}\n`);
