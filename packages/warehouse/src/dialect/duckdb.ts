import type { WarehouseDialect } from "./warehouse-dialect.js";
import { doubleQuoted, regexTrim, standardLiteral } from "./shared.js";

const trim = regexTrim(standardLiteral, "g");

/** DuckDB: `regexp_full_match`, `TRY_CAST`, lists (`VARCHAR[]`), text compared bytewise. */
export const DUCKDB_WAREHOUSE: WarehouseDialect = {
  name: "duckdb",
  quote: doubleQuoted,
  literal: standardLiteral,
  matches: (expr, pattern) => `regexp_full_match(${expr}, ${standardLiteral(pattern)})`,
  group: (expr, pattern, group) => `regexp_extract(${expr}, ${standardLiteral(pattern)}, ${group})`,
  toInt: (expr) => `TRY_CAST(${expr} AS INTEGER)`,
  toDouble: (expr) => `TRY_CAST(${expr} AS DOUBLE)`,
  doubleType: "DOUBLE",
  textListType: "VARCHAR[]",
  textType: "VARCHAR",
  textCastType: "VARCHAR",
  bigintType: "BIGINT",
  booleanType: "BOOLEAN",
  splitList: (expr) => `list_filter(list_transform(string_split(${expr}, ';'), s -> ${trim("s")}), s -> s <> '')`,
  instantText: (dateText, ms) => `strftime(CAST(${dateText} AS TIMESTAMP) + to_milliseconds(CAST(${ms} AS BIGINT)), '%Y-%m-%dT%H:%M:%S.%g') || 'Z'`,
  trim,
  mod: (a, b) => `${a} % ${b}`,
  strpos: (text, needle) => `strpos(${text}, ${needle})`,
  bitAnd: (a, b) => `${a} & ${b}`,
  chr: (codePoint) => `chr(${codePoint})`,
  unionDistinct: "UNION",
  noRows: "WHERE FALSE",
  boolAnd: (expr) => `bool_and(${expr})`,
  boolOr: (expr) => `bool_or(${expr})`,
  binaryCollation: "",
  firstValueBy: "ignoreNulls",
};
