import { createReadStream } from "node:fs";
import { basename } from "node:path";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import { POSTGRES_WAREHOUSE } from "../dialect/warehouse-dialect.js";
import { problemsTableDdl, PROBLEMS_TABLE } from "../staging/problems-table.js";
import { typedStagingSql } from "../staging/typed-staging-sql.js";
import { inferredTypes, inferTypesSql } from "../staging/infer-types-sql.js";
import { undeclaredExtraColumns } from "../staging/extra-types.js";
import { loadStep } from "./load-failed.js";
import { readCsvHeader } from "./csv-header.js";
import type { StageCsvOptions } from "./stage-duckdb.js";
import type { StagedFile } from "./stage-result.js";

/** A PostgreSQL client (`pg`'s `Client` fits): queries, and `COPY … FROM STDIN` streams. */
export interface PostgresRunner {
  query(sql: string): Promise<{ rows: Record<string, unknown>[] }>;
  query<T>(stream: T): T;
}

/**
 * Loads a CSV export into PostgreSQL: `COPY … FROM STDIN` streams the file
 * from this process into a text table (or, with `serverPath`, `COPY … FROM`
 * a path the server reads), then the SQL of {@link typedStagingSql} runs.
 */
export async function stageCsvInPostgres(client: PostgresRunner, options: StageCsvOptions & { readonly serverPath?: string }): Promise<StagedFile> {
  const file = options.file ?? basename(options.path);
  return loadStep("PostgreSQL", file, () => load(client, options, file));
}

async function load(client: PostgresRunner, options: StageCsvOptions & { readonly serverPath?: string }, file: string): Promise<StagedFile> {
  const d = POSTGRES_WAREHOUSE;
  const problems = options.problemsTable ?? PROBLEMS_TABLE;
  const columns = await readCsvHeader(options.path);
  const raw = d.quote(`${options.table}__raw`);
  await client.query(problemsTableDdl(d, problems));
  await client.query(`CREATE TABLE ${raw} (_record bigint GENERATED ALWAYS AS IDENTITY, ${columns.map((c) => `${d.quote(c)} text`).join(", ")})`);
  const copy = `COPY ${raw} (${columns.map(d.quote).join(", ")}) FROM ${options.serverPath !== undefined ? d.literal(options.serverPath) : "STDIN"} WITH (FORMAT csv, HEADER true)`;
  if (options.serverPath !== undefined) await client.query(copy);
  else await pipeline(createReadStream(options.path), client.query(copyFrom(copy)));
  const undeclared = undeclaredExtraColumns(options.spec, columns, options.fieldTypes);
  const extraTypes = {
    ...(undeclared.length > 0 ? inferredTypes(undeclared, (await client.query(inferTypesSql(d, `${options.table}__raw`, undeclared))).rows[0]!) : {}),
    ...options.fieldTypes,
  };
  for (const sql of typedStagingSql(d, {
    spec: options.spec,
    columns,
    rawTable: `${options.table}__raw`,
    typedTable: options.table,
    file,
    problemsTable: problems,
    extraTypes,
  }))
    await client.query(sql);
  const { rows } = await client.query(
    `SELECT (SELECT count(*) FROM ${raw}) AS read, (SELECT count(DISTINCT record) FROM ${d.quote(problems)} WHERE file = ${d.literal(file)} AND severity = 'error') AS rejected`,
  );
  await client.query(`DROP TABLE ${raw}`);
  const read = Number(rows[0]!.read);
  const rejected = Number(rows[0]!.rejected);
  return { file, table: options.table, read, loaded: read - rejected, rejected, columns, extraTypes };
}
