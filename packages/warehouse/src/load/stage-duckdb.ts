import { basename } from "node:path";
import type { FieldType } from "@abm-kit/core";
import type { ObjectSpec } from "@abm-kit/sources";
import { DUCKDB_WAREHOUSE } from "../dialect/warehouse-dialect.js";
import { problemsTableDdl, PROBLEMS_TABLE } from "../staging/problems-table.js";
import { typedStagingSql } from "../staging/typed-staging-sql.js";
import { inferredTypes, inferTypesSql } from "../staging/infer-types-sql.js";
import { undeclaredExtraColumns } from "../staging/extra-types.js";
import { checkInsertionOrder } from "./duckdb-insertion-order.js";
import { loadStep } from "./load-failed.js";
import { readCsvHeader } from "./csv-header.js";
import type { StagedFile } from "./stage-result.js";

/** A DuckDB connection (`@duckdb/node-api`'s `DuckDBConnection` fits). */
export interface DuckDBRunner {
  run(sql: string): Promise<unknown>;
  runAndReadAll(sql: string): Promise<{ getRowObjectsJson(): unknown[] }>;
}

/** Where a CSV file goes: its path, its spec, and the table of its loaded records. */
export interface StageCsvOptions {
  readonly path: string;
  readonly spec: ObjectSpec;
  readonly table: string;
  /** The file's name in problems (default: its base name). */
  readonly file?: string;
  /** The problems table (default `load_problems`). */
  readonly problemsTable?: string;
  /** Declared types of the columns outside the spec (`Interests__c: "multi"`); the others are inferred from the values, as the readers do. */
  readonly fieldTypes?: Readonly<Record<string, FieldType>>;
}

const countsOf = (row: Record<string, unknown>) => ({ read: Number(row.read), rejected: Number(row.rejected) });

/**
 * Loads a CSV export into DuckDB with `read_csv` (every column as text) and
 * the SQL of {@link typedStagingSql}: the records that pass land in `table`,
 * problems in the problems table. A connection with `preserve_insertion_order`
 * off is refused with a `ValidationError` (records are numbered in file order).
 */
export async function stageCsvInDuckDB(connection: DuckDBRunner, options: StageCsvOptions): Promise<StagedFile> {
  const file = options.file ?? basename(options.path);
  await checkInsertionOrder(connection);
  return loadStep("DuckDB", file, () => load(connection, options, file));
}

async function load(connection: DuckDBRunner, options: StageCsvOptions, file: string): Promise<StagedFile> {
  const d = DUCKDB_WAREHOUSE;
  const problems = options.problemsTable ?? PROBLEMS_TABLE;
  const columns = await readCsvHeader(options.path);
  const raw = `${options.table}__raw`;
  await connection.run(problemsTableDdl(d, problems));
  await connection.run(
    `CREATE TABLE ${d.quote(`${raw}0`)} AS SELECT * FROM read_csv(${d.literal(options.path)}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"', auto_detect = false, columns = {${columns.map((c) => `${d.literal(c)}: 'VARCHAR'`).join(", ")}})`,
  );
  // the table keeps the file's order (DuckDB preserves insertion order), so rowid + 1 is the record number: a view, not a copy
  await connection.run(`CREATE VIEW ${d.quote(raw)} AS SELECT rowid + 1 AS _record, * FROM ${d.quote(`${raw}0`)}`);
  const undeclared = undeclaredExtraColumns(options.spec, columns, options.fieldTypes);
  const extraTypes = {
    ...(undeclared.length > 0
      ? inferredTypes(undeclared, (await connection.runAndReadAll(inferTypesSql(d, raw, undeclared))).getRowObjectsJson()[0] as Record<string, unknown>)
      : {}),
    ...options.fieldTypes,
  };
  for (const sql of typedStagingSql(d, { spec: options.spec, columns, rawTable: raw, typedTable: options.table, file, problemsTable: problems, extraTypes }))
    await connection.run(sql);
  const [row] = (
    await connection.runAndReadAll(
      `SELECT (SELECT count(*) FROM ${d.quote(raw)}) AS read, (SELECT count(DISTINCT record) FROM ${d.quote(problems)} WHERE file = ${d.literal(file)} AND severity = 'error') AS rejected`,
    )
  ).getRowObjectsJson() as Record<string, unknown>[];
  await connection.run(`DROP VIEW ${d.quote(raw)}`);
  await connection.run(`DROP TABLE ${d.quote(`${raw}0`)}`);
  const { read, rejected } = countsOf(row!);
  return { file, table: options.table, read, loaded: read - rejected, rejected, columns, extraTypes };
}
