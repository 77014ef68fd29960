import { registrableDomain } from "@abm-kit/core";
import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";
import type { SqlRunner } from "../identity/sql-runner.js";

/**
 * Writes `table (text, domain)`: the registrable domain (`registrableDomain`
 * of `@abm-kit/core`, the public-suffix list of tldts) of every distinct text
 * `texts` (a query of one column `text`) selects; texts without one are left
 * out. The domains are computed in Node.js, one distinct text at a time, and
 * written back in batches: the public-suffix rules are not SQL.
 */
export async function registrableDomainsSql(run: SqlRunner, d: WarehouseDialect, table: string, texts: string): Promise<void> {
  await run(`CREATE TABLE ${d.quote(table)} (text VARCHAR, domain VARCHAR)`);
  const rows = await run(`SELECT DISTINCT text FROM (${texts}) t WHERE text IS NOT NULL`);
  const pairs: string[] = [];
  for (const row of rows) {
    const domain = registrableDomain(String(row.text));
    if (domain !== undefined) pairs.push(`(${d.literal(String(row.text))}, ${d.literal(domain)})`);
  }
  for (let i = 0; i < pairs.length; i += 500) await run(`INSERT INTO ${d.quote(table)} VALUES ${pairs.slice(i, i + 500).join(", ")}`);
}

/** `normalizeDuns` of `@abm-kit/core` in SQL: the digits of `expr`, NULL when there are none. */
export function dunsSql(expr: string): string {
  return `nullif(regexp_replace(${expr}, '[^0-9]', '', 'g'), '')`;
}
