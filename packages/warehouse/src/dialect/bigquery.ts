import type { WarehouseDialect } from "./warehouse-dialect.js";
import { backquoted, escapedLiteral, regexTrim, wholeText } from "./shared.js";
import { singleGroupPattern } from "./single-group-pattern.js";

const trim = regexTrim(escapedLiteral, "");

/**
 * BigQuery (GoogleSQL): `REGEXP_CONTAINS` on a pattern anchored at both ends,
 * `REGEXP_EXTRACT` on a pattern with the one wanted group left capturing,
 * `SAFE_CAST`, `ARRAY<STRING>` lists built with `UNNEST … WITH OFFSET`,
 * `TIMESTAMP_ADD` / `FORMAT_TIMESTAMP` in UTC, `UNION DISTINCT`, `LOGICAL_AND`.
 * Identifiers are quoted with backticks; statements name tables without a
 * dataset, so they run with the job's default dataset.
 */
export const BIGQUERY_WAREHOUSE: WarehouseDialect = {
  name: "bigquery",
  quote: backquoted,
  literal: escapedLiteral,
  matches: (expr, pattern) => `REGEXP_CONTAINS(${expr}, ${escapedLiteral(wholeText(pattern))})`,
  group: (expr, pattern, group) => `REGEXP_EXTRACT(${expr}, ${escapedLiteral(singleGroupPattern(pattern, group))})`,
  toInt: (expr) => `SAFE_CAST(${expr} AS INT64)`,
  toDouble: (expr) => `SAFE_CAST(${expr} AS FLOAT64)`,
  doubleType: "FLOAT64",
  textListType: "ARRAY<STRING>",
  textType: "STRING",
  textCastType: "STRING",
  bigintType: "INT64",
  booleanType: "BOOL",
  splitList: (expr) => `ARRAY(SELECT ${trim("s")} FROM UNNEST(SPLIT(${expr}, ';')) AS s WITH OFFSET AS n WHERE ${trim("s")} <> '' ORDER BY n)`,
  instantText: (dateText, ms) => `FORMAT_TIMESTAMP('%Y-%m-%dT%H:%M:%E3SZ', TIMESTAMP_ADD(TIMESTAMP(${dateText}, 'UTC'), INTERVAL ${ms} MILLISECOND), 'UTC')`,
  trim,
  mod: (a, b) => `MOD(${a}, ${b})`,
  strpos: (text, needle) => `STRPOS(${text}, ${needle})`,
  bitAnd: (a, b) => `${a} & ${b}`,
  chr: (codePoint) => `CODE_POINTS_TO_STRING([${codePoint}])`,
  unionDistinct: "UNION DISTINCT",
  noRows: "LIMIT 0",
  boolAnd: (expr) => `LOGICAL_AND(${expr})`,
  boolOr: (expr) => `LOGICAL_OR(${expr})`,
  binaryCollation: "",
  firstValueBy: "window",
};
