import type { AudienceSqlErrorCode } from "../error-codes.js";
import { AbmKitError } from "@abm-kit/core";
import { bigquery } from "./bigquery.js";
import type { DialectName, SqlDialect } from "./dialect.js";
import { duckdb } from "./duckdb.js";
import { postgres } from "./postgres.js";
import { snowflake } from "./snowflake.js";
import { spark } from "./spark.js";

/** Every dialect by name. */
export const DIALECTS: Readonly<Record<DialectName, SqlDialect>> = { duckdb, postgres, snowflake, bigquery, spark };

/** The dialect named `name`, or a typed error. */
export function dialectOf(name: unknown): SqlDialect {
  const dialect = typeof name === "string" ? DIALECTS[name as DialectName] : undefined;
  if (dialect === undefined) {
    throw new AbmKitError<AudienceSqlErrorCode>("INVALID_OPTIONS", `unknown SQL dialect ${JSON.stringify(name)} (one of ${Object.keys(DIALECTS).join(", ")})`, [
      { path: ["dialect"], message: "unknown dialect" },
    ]);
  }
  return dialect;
}
