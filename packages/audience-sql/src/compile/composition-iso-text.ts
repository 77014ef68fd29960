import type { DialectName } from "../dialects/dialect.js";
import type { SqlCompileContext } from "./context.js";

/** An instant (UTC wall time) as `YYYY-MM-DDTHH:MM:SS.mmmZ`, per dialect. */
const INSTANT_TEXT: Readonly<Record<DialectName, (x: string) => string>> = {
  duckdb: (x) => `strftime(${x}, '%Y-%m-%dT%H:%M:%S.%gZ')`,
  postgres: (x) => `to_char(${x}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
  snowflake: (x) => `TO_CHAR(${x}, 'YYYY-MM-DD"T"HH24:MI:SS.FF3"Z"')`,
  bigquery: (x) => `FORMAT_DATETIME('%Y-%m-%dT%H:%M:%E3SZ', ${x})`,
  spark: (x) => `concat(date_format(${x}, 'yyyy-MM-dd'), 'T', date_format(${x}, 'HH:mm:ss.SSS'), 'Z')`,
};

/**
 * An instant or date expression as the ISO text the Snapshot gives it in JSON
 * form (`2026-03-31T12:00:00.000Z`, `2026-03-31`), so exported values read the
 * same from SQL as from `evaluateComposition`. NULL stays NULL.
 */
export function isoTextSql(expression: string, type: "instant" | "date", context: SqlCompileContext): string {
  if (type === "instant") return INSTANT_TEXT[context.dialect.name](expression);
  return `CAST(${expression} AS ${context.dialect.columnType("string")})`;
}
