import type { FieldType } from "@abm-kit/core";
import type { TimeUnit } from "@abm-kit/audience";
import type { ParamType, SqlDialect } from "./dialect.js";
import { quoteWith, unitKeyword } from "./shared.js";

const COLUMN_TYPES: Record<FieldType | "integer", string> = {
  string: "STRING",
  number: "FLOAT64",
  boolean: "BOOL",
  instant: "DATETIME",
  date: "DATE",
  multi: "ARRAY<STRING>",
  integer: "INT64",
};
const PARAM_TYPES: Record<ParamType, string> = { text: "STRING", number: "FLOAT64", boolean: "BOOL", timestamp: "DATETIME" };

/**
 * BigQuery (GoogleSQL): named parameters `@p1`, DATETIME columns holding UTC
 * (TIMESTAMP_SUB has no MONTH; DATETIME_SUB does and clamps to the month's last
 * day), `REGEXP_CONTAINS` with an `(?s)` (or `(?is)`, case-insensitive) prefix,
 * `ARRAY<STRING>` columns read with `UNNEST`. Columns are quoted with backticks.
 */
export const bigquery: SqlDialect = {
  name: "bigquery",
  quote: quoteWith("`"),
  placeholder: (index) => `@p${index}`,
  reusesPlaceholders: true,
  columnType: (type) => COLUMN_TYPES[type],
  cast: (placeholder, type) => `CAST(${placeholder} AS ${PARAM_TYPES[type]})`,
  shift: (timestamp: string, amount: number, unit: TimeUnit, sign: 1 | -1) => {
    const { amount: n, keyword } = unitKeyword(unit);
    return `DATETIME_${sign < 0 ? "SUB" : "ADD"}(${timestamp}, INTERVAL ${n(amount)} ${keyword})`;
  },
  toDate: (timestamp) => `DATE(${timestamp})`,
  epochMs: (expression, type) => `CAST(UNIX_MILLIS(TIMESTAMP(${type === "date" ? `DATETIME(${expression})` : expression})) AS FLOAT64)`,
  binaryText: (expression) => expression,
  contains: (text, needle) => `(STRPOS(${text}, ${needle}) > 0)`,
  startsWith: (text, prefix) => `STARTS_WITH(${text}, ${prefix})`,
  endsWith: (text, suffix) => `ENDS_WITH(${text}, ${suffix})`,
  // (?s): `.` matches a line break too, as in every engine
  regexMatches: (text, pattern, ci) => `REGEXP_CONTAINS(${text}, CONCAT('${ci ? "(?is)" : "(?s)"}', ${pattern}))`,
  trimText: (expression) => `TRIM(${expression}, CONCAT(' ', CODE_POINTS_TO_STRING([9, 10, 13])))`,
  arrayHas: (array, value, ci) => `EXISTS (SELECT 1 FROM UNNEST(${array}) AS x WHERE ${ci ? `LOWER(x) = LOWER(${value})` : `x = ${value}`})`,
  arrayElements: (array, tables, where) => `SELECT v FROM ${tables} CROSS JOIN UNNEST(${array}) AS v WHERE ${where}`,
  toDouble: (expression) => `CAST(${expression} AS FLOAT64)`,
};
