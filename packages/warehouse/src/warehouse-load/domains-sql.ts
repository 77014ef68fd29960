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
 * suffix list is not SQL: the distinct keys travel to this process and
 * back, `BATCH` at a time in key order, never all at once. A key is what
 * `registrableDomain` reads of a text: `@` and what follows the last `@` when
 * there is one (`registrableDomain` drops what comes before it, and trimming
 * and lower-casing do not move it), else the whole text — so the emails of one
 * domain make one round trip's row, not one each.
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
  const keys = q(`${table}__keys`);
  const found = q(`${table}__found`);
  const key = `CASE WHEN ${d.strpos("raw", "'@'")} > 0 THEN '@' || ${d.group("raw", "@([^@]*)$", 1)} ELSE raw END`;
  await run(
    `CREATE TABLE ${source} AS SELECT raw, ${key} AS key FROM (SELECT DISTINCT CAST(raw AS ${text}) AS raw FROM (${valuesSql}) v WHERE raw IS NOT NULL) u`,
  );
  // numbered once in key order, so each batch reads a range of numbers instead of sorting what is left
  await run(`CREATE TABLE ${keys} AS SELECT key, row_number() OVER (ORDER BY key${c}) AS n FROM (SELECT DISTINCT key FROM ${source}) u`);
  if (d.name === "postgres") await run(`CREATE INDEX ON ${keys} (n)`);
  await run(`CREATE TABLE ${found} (key ${text} NOT NULL, domain ${text}, free_mail BOOLEAN NOT NULL)`);
  let done = 0;
  for (;;) {
    const rows = await run(`SELECT key FROM ${keys} WHERE n > ${done} AND n <= ${done + BATCH} ORDER BY n`);
    if (rows.length === 0) break;
    const tuples = rows.map((row) => {
      const raw = String(row.key);
      const domain = registrableDomain(raw);
      return `(${d.literal(raw)}, ${domain === undefined ? "NULL" : d.literal(domain)}, ${domain !== undefined && isFreeMailDomain(domain, extra) ? "TRUE" : "FALSE"})`;
    });
    await run(`INSERT INTO ${found} VALUES ${tuples.join(", ")}`);
    done += rows.length;
  }
  await run(`CREATE TABLE ${q(table)} (raw ${text} NOT NULL, domain ${text}, free_mail BOOLEAN NOT NULL)`);
  await run(`INSERT INTO ${q(table)} SELECT s.raw, f.domain, f.free_mail FROM ${source} s JOIN ${found} f ON f.key = s.key`);
  const [row] = await run(`SELECT count(*) AS n FROM ${q(table)}`);
  for (const t of [source, keys, found]) await run(`DROP TABLE ${t}`);
  return Number(row!.n);
}
