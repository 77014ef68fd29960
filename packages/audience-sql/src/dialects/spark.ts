import type { FieldType } from "@abm-kit/core";
import type { TimeUnit } from "@abm-kit/audience";
import type { ParamType, SqlDialect } from "./dialect.js";
import { quoteWith, unitKeyword } from "./shared.js";

const COLUMN_TYPES: Record<FieldType | "integer", string> = {
  string: "STRING",
  number: "DOUBLE",
  boolean: "BOOLEAN",
  instant: "TIMESTAMP_NTZ",
  date: "DATE",
  multi: "ARRAY<STRING>",
  integer: "INT",
};
const PARAM_TYPES: Record<ParamType, string> = { text: "STRING", number: "DOUBLE", boolean: "BOOLEAN", timestamp: "TIMESTAMP_NTZ" };

/**
 * Spark SQL (3.4+): `?` parameters (one per use), TIMESTAMP_NTZ holding UTC
 * with ANSI `INTERVAL` arithmetic (months clamp to the month's last day; not
 * `add_months`, which drops the time), `RLIKE` (a match anywhere, Java regular
 * expressions; `(?i)` for case-insensitive), arrays with `array_contains` /
 * `exists`. Identifiers are quoted with backticks.
 */
export const spark: SqlDialect = {
  name: "spark",
  quote: quoteWith("`"),
  placeholder: () => "?",
  reusesPlaceholders: false,
  columnType: (type) => COLUMN_TYPES[type],
  cast: (placeholder, type) => `CAST(${placeholder} AS ${PARAM_TYPES[type]})`,
  shift: (timestamp: string, amount: number, unit: TimeUnit, sign: 1 | -1) => {
    const { amount: n, keyword } = unitKeyword(unit);
    return `(${timestamp} ${sign < 0 ? "-" : "+"} INTERVAL ${n(amount)} ${keyword})`;
  },
  toDate: (timestamp) => `CAST(${timestamp} AS DATE)`,
  epochMs: (expression, type) => `CAST(unix_millis(CAST(${expression} AS TIMESTAMP)) AS DOUBLE)`,
  binaryText: (expression) => expression,
  contains: (text, needle) => `(instr(${text}, ${needle}) > 0)`,
  startsWith: (text, prefix) => `startswith(${text}, ${prefix})`,
  endsWith: (text, suffix) => `endswith(${text}, ${suffix})`,
  // (?s): `.` matches a line break too, as in every engine
  regexMatches: (text, pattern, ci) => `(${text} RLIKE concat('${ci ? "(?is)" : "(?s)"}', ${pattern}))`,
  trimText: (expression) => `trim(BOTH concat(' ', chr(9), chr(10), chr(13)) FROM ${expression})`,
  arrayHas: (array, value, ci) => (ci ? `exists(${array}, x -> lower(x) = lower(${value}))` : `array_contains(${array}, ${value})`),
  arrayElements: (array, tables, where) => `SELECT explode(${array}) AS v FROM ${tables} WHERE ${where}`,
  toDouble: (expression) => `CAST(${expression} AS DOUBLE)`,
};
