import type { WarehouseDialect } from "./warehouse-dialect.js";
import { doubleQuoted, regexTrim, standardLiteral } from "./shared.js";

const trim = regexTrim(standardLiteral, "g");

/** PostgreSQL: `~` regular expressions, casts in CASE branches that only run where they fit, `text[]` arrays, `COLLATE "C"` for code-unit order. */
export const POSTGRES_WAREHOUSE: WarehouseDialect = {
  name: "postgres",
  quote: doubleQuoted,
  literal: standardLiteral,
  matches: (expr, pattern) => `(${expr} ~ ${standardLiteral(pattern.startsWith("^") ? pattern : `^(?:${pattern})$`)})`,
  group: (expr, pattern, group) => `(regexp_match(${expr}, ${standardLiteral(pattern)}))[${group}]`,
  toInt: (expr) => `CAST(${expr} AS integer)`,
  toDouble: (expr) => `CAST(${expr} AS double precision)`,
  doubleType: "double precision",
  textListType: "text[]",
  textType: "text",
  textCastType: "VARCHAR",
  bigintType: "BIGINT",
  booleanType: "BOOLEAN",
  splitList: (expr) =>
    `ARRAY(SELECT ${trim("s.v")} FROM unnest(string_to_array(${expr}, ';')) WITH ORDINALITY AS s(v, n) WHERE ${trim("s.v")} <> '' ORDER BY s.n)`,
  instantText: (dateText, ms) =>
    `to_char(CAST(${dateText} AS timestamp) + (CAST(${ms} AS bigint) * INTERVAL '1 millisecond'), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
  trim,
  mod: (a, b) => `${a} % ${b}`,
  strpos: (text, needle) => `strpos(${text}, ${needle})`,
  bitAnd: (a, b) => `${a} & ${b}`,
  chr: (codePoint) => `chr(${codePoint})`,
  unionDistinct: "UNION",
  noRows: "WHERE FALSE",
  boolAnd: (expr) => `bool_and(${expr})`,
  boolOr: (expr) => `bool_or(${expr})`,
  binaryCollation: ' COLLATE "C"',
  firstValueBy: "arrayAgg",
};
