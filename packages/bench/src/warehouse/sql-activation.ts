import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Audience } from "@abm-kit/audience";
import { compileAudienceSql, type SqlLayout } from "@abm-kit/audience-sql";
import { activate, JsonFileStateStore, localFolderDestination, sqlMemberSource, type ActivationPlanInput } from "@abm-kit/destinations";
import { duckdbRowStream } from "@abm-kit/warehouse";
import { BENCH_NOW } from "../dataset.js";

/** What one activation from SQL did. */
export interface SqlActivation {
  readonly audienceId: string;
  readonly realized: number;
  readonly exported: number;
  readonly status: string;
  /** Bytes of the export files written. */
  readonly fileBytes: number;
  /** Bytes of the activation state file(s) at the end. */
  readonly stateBytes: number;
}

const sizeOf = (path: string) => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};

const folderBytes = (folder: string) => {
  try {
    return readdirSync(folder, { recursive: true, encoding: "utf8" }).reduce((n, name) => n + sizeOf(join(folder, name)), 0);
  } catch {
    return 0;
  }
};

/**
 * Activates a person audience from its query (`source: "sql"`, the member
 * source streaming DuckDB rows) to the local-folder destination as CSV, with
 * the bench's two mapped fields; state in `<work>/state`, files in `<work>/exports`.
 */
export async function activateFromSql(connection: DuckDBConnection, layout: SqlLayout, audience: Audience, work: string): Promise<SqlActivation> {
  const exportDir = join(work, "exports");
  const stateDir = join(work, "state");
  const plan: ActivationPlanInput = {
    id: "bench-warehouse",
    name: "A person audience read from DuckDB",
    destination: { id: "local-folder", settings: { path: exportDir, format: "csv", fileNameTemplate: "%AUDIENCE_ID%_%MODE%" } },
    audiences: [{ audienceId: audience.id, source: "sql" }],
    mapping: {
      person: [
        { source: "person.email", target: "email_sha256", transforms: ["sha256Email"] },
        { source: "account.name", target: "company" },
      ],
    },
  };
  const report = await activate(plan, {
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
    state: new JsonFileStateStore(stateDir),
  });
  const audienceReport = report.audiences[0]!;
  const files = audienceReport.manifest?.files ?? [];
  return {
    audienceId: audience.id,
    realized: audienceReport.realized,
    exported: audienceReport.exported,
    status: report.status,
    fileBytes: files.reduce((n, f) => n + sizeOf(join(exportDir, f.name)), 0),
    stateBytes: folderBytes(stateDir),
  };
}
