import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";
import type { SqlRunner } from "../identity/sql-runner.js";
import { registrableDomainsInSql } from "../warehouse-load/domains-sql.js";

/**
 * Writes `table (text, domain)`: the registrable domain (`registrableDomain`
 * of `@abm-kit/core`, the public-suffix list of tldts) of every distinct text
 * `texts` (a query of one column `text`) selects; texts without one are left
 * out. The public-suffix rules are not SQL: the domains are computed in
 * Node.js by {@link registrableDomainsInSql}, a batch of distinct keys at a
 * time, never all texts at once.
 */
export async function registrableDomainsSql(run: SqlRunner, d: WarehouseDialect, table: string, texts: string): Promise<void> {
  const lookup = `${table}__lookup`;
  await registrableDomainsInSql(run, d, `SELECT text AS raw FROM (${texts}) t`, lookup);
  await run(`CREATE TABLE ${d.quote(table)} AS SELECT raw AS text, domain FROM ${d.quote(lookup)} WHERE domain IS NOT NULL`);
  await run(`DROP TABLE ${d.quote(lookup)}`);
}

/** `normalizeDuns` of `@abm-kit/core` in SQL: the digits of `expr`, NULL when there are none. */
export function dunsSql(expr: string): string {
  return `nullif(regexp_replace(${expr}, '[^0-9]', '', 'g'), '')`;
}
