import type { WarehouseDialect } from "./warehouse-dialect.js";
import { escapedLiteral, regexTrim, sparkQuoted, wholeText } from "./shared.js";

const trim = regexTrim(escapedLiteral, "");

/**
 * Spark SQL (3.4+): `RLIKE` on a pattern anchored at both ends (Java regular
 * expressions), `regexp_extract` (`''` when the group did not take part),
 * `TRY_CAST`, `ARRAY<STRING>` lists with `split` / `transform` / `filter`,
 * `TIMESTAMP_NTZ` with `timestampadd` for instants (no session time zone
 * involved). Identifiers are quoted with backticks; string literals read
 * backslash escapes.
 */
export const SPARK_WAREHOUSE: WarehouseDialect = {
  name: "spark",
  quote: sparkQuoted,
  literal: escapedLiteral,
  matches: (expr, pattern) => `(${expr} RLIKE ${escapedLiteral(wholeText(pattern))})`,
  group: (expr, pattern, group) => `regexp_extract(${expr}, ${escapedLiteral(pattern)}, ${group})`,
  toInt: (expr) => `TRY_CAST(${expr} AS INT)`,
  toDouble: (expr) => `TRY_CAST(${expr} AS DOUBLE)`,
  doubleType: "DOUBLE",
  textListType: "ARRAY<STRING>",
  textType: "STRING",
  textCastType: "STRING",
  bigintType: "BIGINT",
  booleanType: "BOOLEAN",
  splitList: (expr) => `filter(transform(split(${expr}, ';'), s -> ${trim("s")}), s -> s <> '')`,
  instantText: (dateText, ms) =>
    `date_format(timestampadd(MILLISECOND, ${ms}, CAST(${dateText} AS TIMESTAMP_NTZ)), ${escapedLiteral("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")})`,
  trim,
  mod: (a, b) => `${a} % ${b}`,
  strpos: (text, needle) => `instr(${text}, ${needle})`,
  bitAnd: (a, b) => `${a} & ${b}`,
  chr: (codePoint) => `chr(${codePoint})`,
  unionDistinct: "UNION",
  noRows: "LIMIT 0",
  boolAnd: (expr) => `bool_and(${expr})`,
  boolOr: (expr) => `bool_or(${expr})`,
  binaryCollation: "",
  firstValueBy: "window",
};
