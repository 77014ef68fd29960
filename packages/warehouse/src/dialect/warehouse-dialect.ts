/** The SQL engines the warehouse loader writes SQL for. */
export type WarehouseDialectName = "duckdb" | "postgres" | "snowflake" | "bigquery" | "spark";

/**
 * The places where the engines' SQL differs for the loader (types, literals,
 * regular expressions, lists, a few functions); everything else is written
 * once, in the staging and identity SQL.
 */
export interface WarehouseDialect {
  readonly name: WarehouseDialectName;
  /** A quoted identifier. */
  quote(name: string): string;
  /** A string literal (a backslash or quote inside escaped as the engine reads it). */
  literal(text: string): string;
  /** True when `expr` matches the (POSIX/RE2-compatible) pattern as a whole. */
  matches(expr: string, pattern: string): string;
  /** Group `group` (1-based) of the first match of `pattern` in `expr`; NULL or '' when it did not take part. */
  group(expr: string, pattern: string, group: number): string;
  /** `expr` (text) as an integer; an engine may evaluate a CASE branch for every row, so it never fails there. */
  toInt(expr: string): string;
  /** `expr` (text) as a double, likewise. */
  toDouble(expr: string): string;
  /** The type of a double-precision number. */
  readonly doubleType: string;
  /** The type of a list of texts. */
  readonly textListType: string;
  /** The type of a text column. */
  readonly textType: string;
  /** The type a value is cast to when it is used as text (`CAST(x AS …)`). */
  readonly textCastType: string;
  /** The type of a 64-bit integer. */
  readonly bigintType: string;
  /** The type of a boolean. */
  readonly booleanType: string;
  /** The texts between `;` of `expr`, each trimmed, blanks left out, in order. */
  splitList(expr: string): string;
  /** A `YYYY-MM-DD` text plus `ms` milliseconds, as an ISO instant text in UTC (`…T…:…:….mmmZ`). */
  instantText(dateText: string, ms: string): string;
  /** `expr` without leading and trailing ASCII whitespace (JavaScript's `trim` for what the engine's `\s` matches). */
  trim(expr: string): string;
  /** The remainder of integers `a` and `b`. */
  mod(a: string, b: string): string;
  /** The 1-based position of `needle` in `text`, 0 when it is not there. */
  strpos(text: string, needle: string): string;
  /** Bitwise and of two integers. */
  bitAnd(a: string, b: string): string;
  /** The one-character text of a code point. */
  chr(codePoint: number): string;
  /** The set union that drops duplicate rows. */
  readonly unionDistinct: string;
  /** What makes a `SELECT` of constants return no row (`WHERE FALSE`; BigQuery has no WHERE without FROM). */
  readonly noRows: string;
  /** Whether every / some boolean of a group is true (aggregates). */
  boolAnd(expr: string): string;
  boolOr(expr: string): string;
  /** What follows a text in ORDER BY to sort it in code-unit order (PostgreSQL's `COLLATE "C"`; nothing where that is the default). */
  readonly binaryCollation: string;
  /**
   * How a merge picks the first present value of a field: `arrayAgg` with an
   * ordered, filtered `array_agg(…)[1]` (PostgreSQL), `ignoreNulls` with
   * `first_value(… IGNORE NULLS)` over the entity's records in the merge order,
   * one window shared by the fields of one order (DuckDB: no state per
   * entity, only sorts, which spill, so it fits a small `memory_limit`),
   * `window` with `FIRST_VALUE` over the entity's records, present values
   * first (one window per field).
   */
  readonly firstValueBy: "arrayAgg" | "ignoreNulls" | "window";
}

import { BIGQUERY_WAREHOUSE } from "./bigquery.js";
import { DUCKDB_WAREHOUSE } from "./duckdb.js";
import { POSTGRES_WAREHOUSE } from "./postgres.js";
import { SNOWFLAKE_WAREHOUSE } from "./snowflake.js";
import { SPARK_WAREHOUSE } from "./spark.js";

export { BIGQUERY_WAREHOUSE, DUCKDB_WAREHOUSE, POSTGRES_WAREHOUSE, SNOWFLAKE_WAREHOUSE, SPARK_WAREHOUSE };

/** Every warehouse dialect by name. */
export const WAREHOUSE_DIALECTS: Readonly<Record<WarehouseDialectName, WarehouseDialect>> = {
  duckdb: DUCKDB_WAREHOUSE,
  postgres: POSTGRES_WAREHOUSE,
  snowflake: SNOWFLAKE_WAREHOUSE,
  bigquery: BIGQUERY_WAREHOUSE,
  spark: SPARK_WAREHOUSE,
};

/** The dialect of a name. */
export function warehouseDialect(name: WarehouseDialectName): WarehouseDialect {
  return WAREHOUSE_DIALECTS[name];
}

/**
 * `expr` without leading and trailing ASCII whitespace, as DuckDB and
 * PostgreSQL write it.
 * @deprecated Use the dialect's `trim`, which every dialect writes its own way.
 */
export const trimSql = (expr: string): string => DUCKDB_WAREHOUSE.trim(expr);
