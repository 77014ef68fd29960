import { isFreeMailDomain, registrableDomain } from "@abm-kit/core";
import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";
import type { SqlRunner } from "../identity/sql-runner.js";

/** How many distinct values one round trip reads and writes. */
const BATCH = 5_000;

/**
 * Creates `table (raw, domain, free_mail)`: for each distinct non-NULL text
 * `raw` that `valuesSql` selects (one column, `raw`), its registrable domain
 * as `registrableDomain` of `@abm-kit/core` gives it (tldts, the public suffix
 * list with private suffixes; NULL when there is none), and whether that
 * domain is a free-mail domain (built in, or in `extraFreeMail`). The public
 * suffix list is not SQL: the distinct values travel to this process and
 * back, `BATCH` at a time in value order, never all at once.
 */
export async function registrableDomainsInSql(
  run: SqlRunner,
  d: WarehouseDialect,
  valuesSql: string,
  table: string,
  extraFreeMail: readonly string[] = [],
): Promise<number> {
  const q = d.quote;
  const text = d.name === "duckdb" ? "VARCHAR" : "text";
  const c = d.name === "postgres" ? ' COLLATE "C"' : "";
  const extra = new Set(extraFreeMail.map((x) => x.toLowerCase()));
  const source = q(`${table}__raw`);
  // numbered once in value order, so each batch reads a range of numbers instead of sorting what is left
  await run(
    `CREATE TABLE ${source} AS SELECT raw, row_number() OVER (ORDER BY raw${c}) AS n FROM (SELECT DISTINCT CAST(raw AS ${text}) AS raw FROM (${valuesSql}) v WHERE raw IS NOT NULL) u`,
  );
  if (d.name === "postgres") await run(`CREATE INDEX ON ${source} (n)`);
  await run(`CREATE TABLE ${q(table)} (raw ${text} NOT NULL, domain ${text}, free_mail BOOLEAN NOT NULL)`);
  let count = 0;
  for (;;) {
    const rows = await run(`SELECT raw FROM ${source} WHERE n > ${count} AND n <= ${count + BATCH} ORDER BY n`);
    if (rows.length === 0) break;
    const tuples = rows.map((row) => {
      const raw = String(row.raw);
      const domain = registrableDomain(raw);
      return `(${d.literal(raw)}, ${domain === undefined ? "NULL" : d.literal(domain)}, ${domain !== undefined && isFreeMailDomain(domain, extra) ? "TRUE" : "FALSE"})`;
    });
    await run(`INSERT INTO ${q(table)} VALUES ${tuples.join(", ")}`);
    count += rows.length;
  }
  await run(`DROP TABLE ${source}`);
  return count;
}
