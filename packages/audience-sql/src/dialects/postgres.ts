import type { FieldType } from "@abm-kit/core";
import type { TimeUnit } from "@abm-kit/audience";
import type { ParamType, SqlDialect } from "./dialect.js";
import { intervalText, quoteWith } from "./shared.js";

const COLUMN_TYPES: Record<FieldType | "integer", string> = {
  string: "TEXT",
  number: "DOUBLE PRECISION",
  boolean: "BOOLEAN",
  instant: "TIMESTAMP(3) WITHOUT TIME ZONE",
  date: "DATE",
  multi: "TEXT[]",
  integer: "INTEGER",
};
const PARAM_TYPES: Record<ParamType, string> = { text: "TEXT", number: "DOUBLE PRECISION", boolean: "BOOLEAN", timestamp: "TIMESTAMP(3)" };

/**
 * PostgreSQL: `$n` parameters, TIMESTAMP WITHOUT TIME ZONE holding UTC (so
 * `INTERVAL` month arithmetic does not depend on the session time zone), `~`
 * / `~*` regular expressions, `COLLATE "C"` for code-unit order, text arrays.
 */
export const postgres: SqlDialect = {
  name: "postgres",
  quote: quoteWith('"'),
  placeholder: (index) => `$${index}`,
  reusesPlaceholders: true,
  columnType: (type) => COLUMN_TYPES[type],
  cast: (placeholder, type) => `CAST(${placeholder} AS ${PARAM_TYPES[type]})`,
  shift: (timestamp: string, amount: number, unit: TimeUnit, sign: 1 | -1) => `(${timestamp} ${sign < 0 ? "-" : "+"} INTERVAL '${intervalText(amount, unit)}')`,
  toDate: (timestamp) => `CAST(${timestamp} AS DATE)`,
  epochMs: (expression, type) => `CAST(EXTRACT(EPOCH FROM ${type === "date" ? `CAST(${expression} AS TIMESTAMP)` : expression}) * 1000 AS DOUBLE PRECISION)`,
  binaryText: (expression) => `(${expression} COLLATE "C")`,
  contains: (text, needle) => `(strpos(${text}, ${needle}) > 0)`,
  startsWith: (text, prefix) => `starts_with(${text}, ${prefix})`,
  endsWith: (text, suffix) => `(right(${text}, length(${suffix})) = ${suffix})`,
  regexMatches: (text, pattern, ci) => `(${text} ${ci ? "~*" : "~"} ${pattern})`,
  trimText: (expression) => `btrim(${expression}, ' ' || chr(9) || chr(10) || chr(13))`,
  arrayHas: (array, value, ci) => (ci ? `EXISTS (SELECT 1 FROM unnest(${array}) AS u(v) WHERE lower(u.v) = lower(${value}))` : `(${value} = ANY(${array}))`),
  arrayElements: (array, tables, where) => `SELECT unnest(${array}) AS v FROM ${tables} WHERE ${where}`,
  toDouble: (expression) => `CAST(${expression} AS DOUBLE PRECISION)`,
};
