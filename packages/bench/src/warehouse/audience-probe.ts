/**
 * The seed audiences of the warehouse figure alone, on a DuckDB database a
 * warehouse run already loaded: `audience-probe.ts <database> <layout.json> [--memory-limit 300MB] [--threads N]`.
 * Counts each seed audience's members in SQL, as the warehouse child does, and
 * prints one line per audience: members, milliseconds, the process's RSS now
 * and its peak so far (MiB) — which audience's query holds memory DuckDB's
 * memory_limit does not govern.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { DuckDBInstance } from "@duckdb/node-api";
import { compileAudienceSql, SqlLayoutSchema } from "@abm-kit/audience-sql";
import { seedAudiences } from "@abm-kit/examples/audiences";
import { BENCH_NOW } from "../dataset.js";
import { applyDuckDBSettings, DUCKDB_SETTINGS_OPTIONS, duckDBSettingsOf } from "./duckdb-settings.js";

const { positionals, values } = parseArgs({ allowPositionals: true, options: DUCKDB_SETTINGS_OPTIONS });
const [database, layoutFile] = positionals;
if (database === undefined || layoutFile === undefined)
  throw new Error("usage: audience-probe.ts <database> <layout.json> [--memory-limit size] [--threads N]");
const layout = SqlLayoutSchema.parse(JSON.parse(readFileSync(layoutFile, "utf8")));
const instance = await DuckDBInstance.create(database);
const connection = await instance.connect();
try {
  await applyDuckDBSettings(connection, duckDBSettingsOf(values));
  const mb = (bytes: number) => Math.round(bytes / 2 ** 20); // MiB, as the peak (maxRSS / 1024)
  process.stdout.write(`start: RSS ${mb(process.memoryUsage().rss)} MiB\n`);
  for (const audience of seedAudiences) {
    const compiled = compileAudienceSql(audience, { dialect: "duckdb", now: BENCH_NOW, layout });
    const started = performance.now();
    const rows = (await connection.runAndReadAll(`SELECT count(*) FROM (${compiled.sql}) AS members`, compiled.params as never)).getRows();
    const ms = Math.round(performance.now() - started);
    const peak = Math.round(process.resourceUsage().maxRSS / 1024);
    process.stdout.write(`${audience.id}: ${Number(rows[0]![0])} members, ${ms} ms, RSS ${mb(process.memoryUsage().rss)} MiB, peak ${peak} MiB\n`);
  }
} finally {
  connection.closeSync();
  instance.closeSync();
}
