/**
 * Demo section: warehouse mode on DuckDB. Loads the bundled sample's export
 * files straight into a DuckDB file with `loadExportsIntoWarehouse` (persons,
 * accounts and links unified in SQL, every other layout table filled by the
 * built-in fillers), runs the seed audiences compiled to SQL next to their
 * in-memory counts, and activates one audience from its query
 * (`source: "sql"`) to the local-folder destination.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import type { AudienceResult } from "@abm-kit/audience";
import type { Snapshot } from "@abm-kit/core";
import { compileAudienceSql } from "@abm-kit/audience-sql";
import { activate, JsonFileStateStore, localFolderDestination, sqlMemberSource, type ActivationPlanInput, type RunReport } from "@abm-kit/destinations";
import type { ExportFile, FileReport } from "@abm-kit/sources";
import { duckdbRowStream, loadExportsIntoWarehouse } from "@abm-kit/warehouse";
import { marketingLeaders, seedAudiences } from "./audiences/index.js";
import { formatFileDeliveries, formatTotals, shownPath } from "./print-report.js";
import { restJsonAsCsv, SAMPLE_IDENTITY_CONFIG, SAMPLE_RELATED_TABLES, sampleFiles } from "./sample/index.js";

/** The sample's files for warehouse mode: its one JSON export (Asset.json) written as CSV into `dir` first. */
function warehouseFiles(dir: string): ExportFile[] {
  return sampleFiles().map((file) => {
    if (!("path" in file) || typeof file.path !== "string" || !file.path.endsWith(".json")) return file;
    const csv = join(dir, basename(file.path).replace(/\.json$/, ".csv"));
    writeFileSync(csv, restJsonAsCsv(readFileSync(file.path, "utf8")));
    return { ...file, path: csv };
  });
}

/** Runs the warehouse section of the demo; `snapshot` and `inMemory` are the in-memory Snapshot and seed audiences' results of section 3. */
export async function runWarehouseSection(
  log: (line: string) => void,
  input: { snapshot: Snapshot; files: readonly FileReport[]; now: string; inMemory: readonly AudienceResult[]; outDir: string },
): Promise<{ sizes: Readonly<Record<string, number>>; report: RunReport }> {
  const { snapshot, now, inMemory, outDir } = input;
  const dir = join(outDir, "warehouse");
  mkdirSync(dir, { recursive: true });
  const files = warehouseFiles(dir);
  const instance = await DuckDBInstance.create(join(dir, "sample.duckdb"));
  const connection = await instance.connect();
  try {
    const started = performance.now();
    const load = await loadExportsIntoWarehouse({ dialect: "duckdb", connection }, files, {
      identity: SAMPLE_IDENTITY_CONFIG,
      relatedTables: SAMPLE_RELATED_TABLES,
    });
    log(`Loaded ${files.length} export files into ${shownPath(join(dir, "sample.duckdb"))} in ${(performance.now() - started).toFixed(0)} ms (all in SQL):`);
    for (const f of load.files) {
      const read = input.files.find((r) => r.file === f.file);
      if (f.rejected > 0 || (read !== undefined && read.loaded !== f.loaded))
        log(
          `  ${f.file}: read ${f.read}, loaded ${f.loaded}, rejected ${f.rejected}${f.rejected > 0 ? " (see the load_problems table)" : ""}` +
            (read !== undefined && read.loaded !== f.loaded ? `; the in-memory reader loaded ${read.loaded}, rejected ${read.rejected}` : ""),
        );
    }
    const tables = Object.entries(load.tables).filter(([, n]) => n > 0);
    log(`  ${tables.map(([t, n]) => `${t} ${n}`).join(", ")}`);
    log(`  in memory: accounts ${snapshot.accounts.size}, persons ${snapshot.persons.size}, links ${snapshot.links.size}`);
    if (input.files.some((r) => r.file === "Contact.csv" && r.rejected > 0))
      log(
        "  (Contact.csv holds a malformed record on purpose, a quote inside an unquoted value: DuckDB reads it, quote kept; the in-memory reader rejects it)",
      );
    log(`  clustering: ${load.rounds.persons} rounds for persons, ${load.rounds.accounts} for accounts`);

    log("Seed audiences compiled to SQL and run on DuckDB, next to evaluate() on the in-memory Snapshot:");
    const width = Math.max(...seedAudiences.map((a) => a.id.length));
    const sizes: Record<string, number> = {};
    for (const audience of seedAudiences) {
      const compiled = compileAudienceSql(audience, { dialect: "duckdb", now, layout: load.layout });
      const rows = (await connection.runAndReadAll(compiled.sql, compiled.params as never)).getRows();
      sizes[audience.id] = rows.length;
      const memory = inMemory.find((r) => r.audienceId === audience.id)?.size;
      const note = memory === rows.length ? "same" : `in memory ${memory ?? "not evaluated"}`;
      log(`  ${audience.id.padEnd(width)} ${String(rows.length).padStart(6)} in SQL  ${String(memory ?? "-").padStart(6)} in memory  ${note}`);
    }

    const plan: ActivationPlanInput = {
      id: "demo-warehouse",
      name: "A person audience read from DuckDB",
      destination: { id: "local-folder", settings: { path: join(dir, "exports"), format: "csv", fileNameTemplate: "%AUDIENCE_ID%_%MODE%" } },
      audiences: [{ audienceId: marketingLeaders.id, source: "sql" }],
      mapping: {
        person: [
          { source: "person.email", target: "email_sha256", transforms: ["sha256Email"] },
          { source: "person.title", target: "title" },
          { source: "account.name", target: "company" },
        ],
      },
      consent: { channel: "email" },
    };
    const report = await activate(plan, {
      destination: localFolderDestination,
      audiences: [],
      memberSources: [
        sqlMemberSource({
          query: compileAudienceSql(marketingLeaders, { dialect: "duckdb", now, layout: load.layout }),
          layout: load.layout,
          rows: duckdbRowStream(connection),
          audienceName: marketingLeaders.name,
        }),
      ],
      now,
      state: new JsonFileStateStore(join(dir, "state")),
    });
    log(`Activated ${marketingLeaders.id} from its SQL query (source: "sql"): ${report.status}, ${formatFileDeliveries(report)}`);
    for (const a of report.audiences) {
      log(`  realized ${a.realized} → exported ${a.exported}`);
      for (const f of a.manifest?.files ?? []) log(`    ${f.name}  ${f.rows} rows  sha256 ${f.sha256.slice(0, 12)}…`);
    }
    log(`  totals: ${formatTotals(report.totals)}`);
    return { sizes, report };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
