/** An identifier between double quotes (a double quote inside doubled). */
export const doubleQuoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
/** An identifier between backticks (BigQuery, Spark; a backtick or backslash inside escaped with a backslash). */
export const backquoted = (name: string) => `\`${name.replaceAll("\\", "\\\\").replaceAll("`", "\\`")}\``;
/** A standard SQL string literal: a quote inside doubled, a backslash as it is (DuckDB, PostgreSQL). */
export const standardLiteral = (text: string) => `'${text.replaceAll("'", "''")}'`;
/** JavaScript's `trim` for ASCII whitespace with a global `regexp_replace` (what the engine's `\s` matches). */
export const regexTrim = (literal: (text: string) => string, flags: string) => (expr: string) =>
  `regexp_replace(${expr}, ${literal("^\\s+|\\s+$")}, ''${flags === "" ? "" : `, ${literal(flags)}`})`;
/** An identifier between backticks with a backtick inside doubled (Spark SQL). */
export const sparkQuoted = (name: string) => `\`${name.replaceAll("`", "``")}\``;
/** A string literal of engines that read backslash escapes (Snowflake): a backslash doubled, a quote doubled. */
export const backslashLiteral = (text: string) => `'${text.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
/** A string literal where only a backslash escapes a quote (BigQuery, Spark SQL): backslash, quote and line breaks escaped. */
export const escapedLiteral = (text: string) => `'${text.replaceAll("\\", "\\\\").replaceAll("'", "\\'").replaceAll("\n", "\\n").replaceAll("\r", "\\r")}'`;
/** A pattern that matches a whole text, for engines whose test finds a match anywhere. */
export const wholeText = (pattern: string) => `^(?:${pattern})$`;
