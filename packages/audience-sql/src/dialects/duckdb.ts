import type { FieldType } from "@abm-kit/core";
import type { TimeUnit } from "@abm-kit/audience";
import type { ParamType, SqlDialect } from "./dialect.js";
import { intervalText, quoteWith } from "./shared.js";

const COLUMN_TYPES: Record<FieldType | "integer", string> = {
  string: "VARCHAR",
  number: "DOUBLE",
  boolean: "BOOLEAN",
  instant: "TIMESTAMP",
  date: "DATE",
  multi: "VARCHAR[]",
  integer: "INTEGER",
};
const PARAM_TYPES: Record<ParamType, string> = { text: "VARCHAR", number: "DOUBLE", boolean: "BOOLEAN", timestamp: "TIMESTAMP" };

/** DuckDB: `$n` parameters, TIMESTAMP (UTC wall time) with `INTERVAL` arithmetic, `regexp_matches`, lists. Text compares bytewise by default. */
export const duckdb: SqlDialect = {
  name: "duckdb",
  quote: quoteWith('"'),
  placeholder: (index) => `$${index}`,
  reusesPlaceholders: true,
  columnType: (type) => COLUMN_TYPES[type],
  cast: (placeholder, type) => `CAST(${placeholder} AS ${PARAM_TYPES[type]})`,
  shift: (timestamp: string, amount: number, unit: TimeUnit, sign: 1 | -1) => `(${timestamp} ${sign < 0 ? "-" : "+"} INTERVAL '${intervalText(amount, unit)}')`,
  toDate: (timestamp) => `CAST(${timestamp} AS DATE)`,
  epochMs: (expression, type) => `CAST(epoch_ms(${type === "date" ? `CAST(${expression} AS TIMESTAMP)` : expression}) AS DOUBLE)`,
  binaryText: (expression) => expression,
  contains: (text, needle) => `(strpos(${text}, ${needle}) > 0)`,
  startsWith: (text, prefix) => `starts_with(${text}, ${prefix})`,
  endsWith: (text, suffix) => `ends_with(${text}, ${suffix})`,
  // 's': `.` matches a line break too, as in every engine (PostgreSQL's default)
  regexMatches: (text, pattern, ci) => `regexp_matches(${text}, ${pattern}, '${ci ? "is" : "s"}')`,
  trimText: (expression) => `trim(${expression}, ' ' || chr(9) || chr(10) || chr(13))`,
  arrayHas: (array, value, ci) => (ci ? `list_contains(list_transform(${array}, x -> lower(x)), lower(${value}))` : `list_contains(${array}, ${value})`),
  arrayElements: (array, tables, where) => `SELECT unnest(${array}) AS v FROM ${tables} WHERE ${where}`,
  toDouble: (expression) => `CAST(${expression} AS DOUBLE)`,
};
