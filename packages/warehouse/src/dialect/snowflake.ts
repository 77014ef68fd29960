import type { WarehouseDialect } from "./warehouse-dialect.js";
import { backslashLiteral, doubleQuoted, regexTrim } from "./shared.js";

const trim = regexTrim(backslashLiteral, "");

/**
 * Snowflake: `REGEXP_LIKE` (anchored at both ends) and `REGEXP_SUBSTR` with
 * the `e` parameter for a group, `TRY_CAST` from text, `ARRAY` lists built with
 * `SPLIT` / `TRANSFORM` / `FILTER`, `DATEADD` for instants. String literals
 * read backslash escapes, so a backslash is doubled. Text compares in the
 * default (binary) collation.
 */
export const SNOWFLAKE_WAREHOUSE: WarehouseDialect = {
  name: "snowflake",
  quote: doubleQuoted,
  literal: backslashLiteral,
  matches: (expr, pattern) => `REGEXP_LIKE(${expr}, ${backslashLiteral(pattern)})`,
  group: (expr, pattern, group) => `REGEXP_SUBSTR(${expr}, ${backslashLiteral(pattern)}, 1, 1, 'e', ${group})`,
  toInt: (expr) => `TRY_CAST(${expr} AS INTEGER)`,
  toDouble: (expr) => `TRY_CAST(${expr} AS DOUBLE)`,
  doubleType: "DOUBLE",
  textListType: "ARRAY",
  textType: "VARCHAR",
  textCastType: "VARCHAR",
  bigintType: "BIGINT",
  booleanType: "BOOLEAN",
  splitList: (expr) => `FILTER(TRANSFORM(SPLIT(${expr}, ';'), s VARCHAR -> ${trim("s")}), s VARCHAR -> s <> '')`,
  instantText: (dateText, ms) => `TO_CHAR(DATEADD(MILLISECOND, ${ms}, CAST(${dateText} AS TIMESTAMP_NTZ)), 'YYYY-MM-DD"T"HH24:MI:SS.FF3"Z"')`,
  trim,
  mod: (a, b) => `MOD(${a}, ${b})`,
  strpos: (text, needle) => `CHARINDEX(${needle}, ${text})`,
  bitAnd: (a, b) => `BITAND(${a}, ${b})`,
  chr: (codePoint) => `CHR(${codePoint})`,
  unionDistinct: "UNION",
  noRows: "LIMIT 0",
  boolAnd: (expr) => `BOOLAND_AGG(${expr})`,
  boolOr: (expr) => `BOOLOR_AGG(${expr})`,
  binaryCollation: "",
  firstValueBy: "window",
};
