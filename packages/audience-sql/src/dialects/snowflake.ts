import type { FieldType } from "@abm-kit/core";
import type { TimeUnit } from "@abm-kit/audience";
import type { ParamType, SqlDialect } from "./dialect.js";
import { quoteWith, unitKeyword } from "./shared.js";

const COLUMN_TYPES: Record<FieldType | "integer", string> = {
  string: "VARCHAR",
  number: "DOUBLE",
  boolean: "BOOLEAN",
  instant: "TIMESTAMP_NTZ(3)",
  date: "DATE",
  multi: "ARRAY",
  integer: "INTEGER",
};
const PARAM_TYPES: Record<ParamType, string> = { text: "VARCHAR", number: "DOUBLE", boolean: "BOOLEAN", timestamp: "TIMESTAMP_NTZ(3)" };

/**
 * Snowflake: `?` parameters (one per use), TIMESTAMP_NTZ holding UTC with
 * `DATEADD` (month arithmetic clamps to the month's last day), `REGEXP_INSTR`
 * (a match anywhere; `RLIKE` would anchor the whole string), ARRAY columns.
 */
export const snowflake: SqlDialect = {
  name: "snowflake",
  quote: quoteWith('"'),
  placeholder: () => "?",
  reusesPlaceholders: false,
  columnType: (type) => COLUMN_TYPES[type],
  cast: (placeholder, type) => `CAST(${placeholder} AS ${PARAM_TYPES[type]})`,
  shift: (timestamp: string, amount: number, unit: TimeUnit, sign: 1 | -1) => {
    const { amount: n, keyword } = unitKeyword(unit);
    return `DATEADD(${keyword}, ${sign * n(amount)}, ${timestamp})`;
  },
  toDate: (timestamp) => `TO_DATE(${timestamp})`,
  epochMs: (expression, type) => `CAST(DATE_PART(EPOCH_MILLISECOND, ${type === "date" ? `CAST(${expression} AS TIMESTAMP_NTZ)` : expression}) AS DOUBLE)`,
  binaryText: (expression) => expression,
  contains: (text, needle) => `CONTAINS(${text}, ${needle})`,
  startsWith: (text, prefix) => `STARTSWITH(${text}, ${prefix})`,
  endsWith: (text, suffix) => `ENDSWITH(${text}, ${suffix})`,
  // 's': `.` matches a line break too, as in every engine
  regexMatches: (text, pattern, ci) => `(REGEXP_INSTR(${text}, ${pattern}, 1, 1, 0, '${ci ? "is" : "cs"}') > 0)`,
  trimText: (expression) => `TRIM(${expression}, ' ' || CHR(9) || CHR(10) || CHR(13))`,
  arrayHas: (array, value, ci) =>
    ci ? `ARRAY_CONTAINS(LOWER(${value})::VARIANT, TRANSFORM(${array}, x VARCHAR -> LOWER(x)))` : `ARRAY_CONTAINS(${value}::VARIANT, ${array})`,
  arrayElements: (array, tables, where) => `SELECT f.value::VARCHAR AS v FROM ${tables}, LATERAL FLATTEN(input => ${array}) AS f WHERE ${where}`,
  toDouble: (expression) => `CAST(${expression} AS DOUBLE)`,
};
