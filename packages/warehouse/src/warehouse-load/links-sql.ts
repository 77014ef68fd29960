import type { IdentityConfig } from "@abm-kit/core";
import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";
import { resolveRefsInSql } from "../identity/resolve-refs-sql.js";
import type { SqlRunner } from "../identity/sql-runner.js";
import type { EntitySource, LinkFlag } from "./entity-exports.js";
import type { EntityTables } from "./unify-entities.js";

/** The work tables of the links, kept after the load. */
export interface LinkTables {
  /** `(account_id, person_id, rule, roles, is_direct, is_active, is_primary, start_date, end_date)`: every link stated or made by email domain, re-pointed to unified ids. */
  readonly links: string;
  /** `(account_id, domain)`: the registrable domain of each unified account's records (`domain` field). */
  readonly accountDomains: string;
  /** `(account_id, duns)`: the DUNS numbers of each unified account's records, digits only (as `normalizeDuns`). */
  readonly accountDuns: string;
}

/** The link work table names under a prefix. */
export function linkTables(prefix: string): LinkTables {
  return { links: `${prefix}link_rows`, accountDomains: `${prefix}account_domains`, accountDuns: `${prefix}account_duns` };
}

/** The SQL of an empty list of texts. */
export const emptyTextList = (d: WarehouseDialect) => (d.name === "duckdb" ? "CAST([] AS VARCHAR[])" : "CAST('{}' AS text[])");

/**
 * Statements writing the link work table: every link the sources state whose
 * person and account references each resolve to exactly one unified entity
 * (`resolveRefsSql`), with the flags as the Snapshot builder reads them, then
 * — with `linkByEmailDomain` — a link (`emailDomain`, not direct) from each
 * person to the accounts whose domain is the registrable domain of one of the
 * person's usable emails, unless it is a free-mail domain or more accounts
 * than `maxAccountsPerEmailDomain` have it. `domains` is the table of
 * `registrableDomainsInSql` over the emails and account domains.
 */
export async function linksInSql(
  run: SqlRunner,
  d: WarehouseDialect,
  config: IdentityConfig,
  sources: readonly EntitySource[],
  stagedTypes: ReadonlyMap<string, Readonly<Record<string, string>>>,
  persons: EntityTables,
  accounts: EntityTables,
  accountDomainSources: string,
  accountDunsSources: string,
  domains: string,
  prefix: string,
): Promise<LinkTables> {
  const q = d.quote;
  const lit = d.literal;
  const text = d.name === "duckdb" ? "VARCHAR" : "text";
  const t = linkTables(prefix);
  const stated = q(`${prefix}link_stated`);
  await run(`CREATE TABLE ${q(t.accountDomains)} AS
SELECT DISTINCT k.entity_id AS account_id, m.domain FROM ${q(accountDomainSources)} a JOIN ${q(accounts.clusters)} k ON k.record = a.record JOIN ${q(domains)} m ON m.raw = a.raw WHERE m.domain IS NOT NULL`);
  const digits = `regexp_replace(a.raw, '[^0-9]', '', 'g')`;
  await run(`CREATE TABLE ${q(t.accountDuns)} AS
SELECT DISTINCT k.entity_id AS account_id, ${digits} AS duns FROM ${q(accountDunsSources)} a JOIN ${q(accounts.clusters)} k ON k.record = a.record WHERE ${digits} <> ''`);
  const has = (table: string, column: string | undefined) => column !== undefined && stagedTypes.get(table)?.[column] !== undefined;
  const flag = (table: string, f: LinkFlag | undefined, fallback: boolean) => {
    const value = f ?? { default: fallback };
    return has(table, value.column) ? `coalesce(s.${q(value.column!)}, ${value.default ? "TRUE" : "FALSE"})` : value.default ? "TRUE" : "FALSE";
  };
  const textOf = (table: string, column: string | undefined) => (has(table, column) ? `CAST(s.${q(column!)} AS ${text})` : `CAST(NULL AS ${text})`);
  const listType = d.textListType;
  const parts = sources.flatMap((s, part) =>
    s.links
      .filter((l) => has(s.table, l.person[1]) && has(s.table, l.account[1]))
      .map(
        (l) =>
          `SELECT ${part} AS part, s._record AS source_record, ${lit(l.rule)} AS rule, ${lit(l.person[0])} AS person_namespace, CAST(s.${q(l.person[1])} AS ${text}) AS person_value, ${lit(l.account[0])} AS account_namespace, CAST(s.${q(l.account[1])} AS ${text}) AS account_value, ${has(s.table, l.roles) ? `s.${q(l.roles!)}` : `CAST(NULL AS ${listType})`} AS roles, ${flag(s.table, l.isDirect, true)} AS is_direct, ${flag(s.table, l.isActive, true)} AS is_active, ${flag(s.table, l.isPrimary, false)} AS is_primary, ${textOf(s.table, l.startDate)} AS start_date, ${textOf(s.table, l.endDate)} AS end_date FROM ${q(s.table)} s WHERE s.${q(l.account[1])} IS NOT NULL AND s.${q(l.person[1])} IS NOT NULL`,
      ),
  );
  const empty = `SELECT 0 AS part, 0 AS source_record, CAST(NULL AS ${text}) AS rule, CAST(NULL AS ${text}) AS person_namespace, CAST(NULL AS ${text}) AS person_value, CAST(NULL AS ${text}) AS account_namespace, CAST(NULL AS ${text}) AS account_value, CAST(NULL AS ${listType}) AS roles, FALSE AS is_direct, FALSE AS is_active, FALSE AS is_primary, CAST(NULL AS ${text}) AS start_date, CAST(NULL AS ${text}) AS end_date WHERE FALSE`;
  await run(
    `CREATE TABLE ${stated} AS SELECT row_number() OVER (ORDER BY part, source_record, rule) AS ref, u.* FROM (${parts.length > 0 ? parts.join("\nUNION ALL\n") : empty}) u`,
  );
  await run(`CREATE TABLE ${q(`${prefix}link_person_refs`)} AS SELECT ref, person_namespace AS namespace, person_value AS value FROM ${stated}`);
  // a `domain` or `duns` reference names the accounts with that registrable domain or DUNS number; any other, the account holding the value
  await run(
    `CREATE TABLE ${q(`${prefix}link_account_refs`)} AS SELECT ref, account_namespace AS namespace, account_value AS value FROM ${stated} WHERE account_namespace NOT IN ('domain', 'duns')`,
  );
  const byKey = (namespace: string, joins: string) =>
    `SELECT l.ref, CASE WHEN count(DISTINCT a.account_id) = 1 THEN min(a.account_id) END AS entity_id FROM ${stated} l ${joins} WHERE l.account_namespace = '${namespace}' GROUP BY l.ref`;
  const resolvedAccounts = `${prefix}link_account_keys`;
  const accountIds = `SELECT ref, entity_id FROM ${q(resolvedAccounts)}
UNION ALL ${byKey("domain", `LEFT JOIN ${q(domains)} m ON m.raw = l.account_value LEFT JOIN ${q(t.accountDomains)} a ON a.domain = m.domain`)}
UNION ALL ${byKey("duns", `LEFT JOIN ${q(t.accountDuns)} a ON a.duns = regexp_replace(l.account_value, '[^0-9]', '', 'g')`)}`;
  // each step its own statement, so no one plan holds every join and grouping at once (they spill one at a time)
  const personIds = `${prefix}link_person_ids`;
  const personIdTable = q(personIds);
  const accountIdTable = q(`${prefix}link_account_ids`);
  await resolveRefsInSql(run, d, { refs: `${prefix}link_person_refs`, values: persons.values, clusters: persons.clusters }, personIds);
  await resolveRefsInSql(run, d, { refs: `${prefix}link_account_refs`, values: accounts.values, clusters: accounts.clusters }, resolvedAccounts);
  await run(`CREATE TABLE ${accountIdTable} AS ${accountIds}`);
  await run(`CREATE TABLE ${q(t.links)} AS
SELECT a.entity_id AS account_id, p.entity_id AS person_id, l.rule, l.roles, l.is_direct, l.is_active, l.is_primary, l.start_date, l.end_date
FROM ${stated} l JOIN ${personIdTable} p ON p.ref = l.ref JOIN ${accountIdTable} a ON a.ref = l.ref
WHERE p.entity_id IS NOT NULL AND a.entity_id IS NOT NULL`);
  const work = [stated, q(`${prefix}link_person_refs`), q(`${prefix}link_account_refs`), personIdTable, q(resolvedAccounts), accountIdTable];
  if (config.linkByEmailDomain) {
    // a domain held by more accounts than the cap links no one: the accounts per domain are counted once
    const domainAccounts = q(`${prefix}link_domain_accounts`);
    await run(`CREATE TABLE ${domainAccounts} AS SELECT domain, count(*) AS accounts FROM ${q(t.accountDomains)} GROUP BY domain`);
    await run(`INSERT INTO ${q(t.links)}
SELECT a.account_id, p.person_id, 'emailDomain', CAST(NULL AS ${listType}), FALSE, TRUE, FALSE, CAST(NULL AS ${text}), CAST(NULL AS ${text})
FROM (SELECT DISTINCT k.entity_id AS person_id, m.domain FROM ${q(persons.values)} v JOIN ${q(persons.clusters)} k ON k.record = v.record JOIN ${q(domains)} m ON m.raw = v.value
      WHERE v.namespace = 'email' AND m.domain IS NOT NULL AND NOT m.free_mail) p
JOIN ${domainAccounts} n ON n.domain = p.domain AND n.accounts <= ${config.maxAccountsPerEmailDomain}
JOIN ${q(t.accountDomains)} a ON a.domain = p.domain`);
    work.push(domainAccounts);
  }
  for (const table of work) await run(`DROP TABLE ${table}`);
  return t;
}
