import type { IdentityConfig } from "@abm-kit/core";
import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";
import { clusterRecordsInSql } from "../identity/connected-components.js";
import { identityValuesSql } from "../identity/identity-values-sql.js";
import { mergeConsentSql, mergeFieldsSql } from "../identity/merge-fields-sql.js";
import type { SqlRunner } from "../identity/sql-runner.js";
import type { EntityPlan, PlannedColumn } from "./attribute-plan.js";
import type { EntitySource } from "./entity-exports.js";
import { toWorkValue, workType } from "./value-types.js";

/** The work tables of one kind of unified entity (persons or accounts), kept after the load for the table fillers. */
export interface EntityTables {
  /** `(record, namespace, value, system, source_table, source_record)`: every source record and its own key. */
  readonly records: string;
  /** `(record, namespace, value)`: every usable identity value of the records (for `resolveRefsSql`). */
  readonly values: string;
  /** `(record, entity_id)`: the unified id of every record. */
  readonly clusters: string;
  /** `(entity_id, <alias of each planned column>)`: the merged values. */
  readonly merged: string;
  /** `(entity_id, channel, state)`: merged consent (persons). */
  readonly consent: string;
}

/** The work table names of a kind under a prefix (`<prefix>person_records`, …). */
export function entityTables(prefix: string, kind: "person" | "account"): EntityTables {
  return {
    records: `${prefix}${kind}_records`,
    values: `${prefix}${kind}_values`,
    clusters: `${prefix}${kind}_ids`,
    merged: `${prefix}${kind}_merged`,
    consent: `${prefix}${kind}_consent`,
  };
}

/**
 * Unifies the records of one kind in SQL: numbers the records of every
 * source, lists their identities, clusters them (`clusterRecordsInSql`), and
 * merges their fields, attributes and consent by the identity graph's rules.
 * `stagedTypes` gives each source table's column types as staged (`boolean`
 * for a consent column to count).
 */
export async function unifyEntitiesInSql(
  run: SqlRunner,
  d: WarehouseDialect,
  config: IdentityConfig,
  plan: EntityPlan,
  sources: readonly EntitySource[],
  stagedTypes: ReadonlyMap<string, Readonly<Record<string, string>>>,
  prefix: string,
): Promise<EntityTables & { rounds: number }> {
  const q = d.quote;
  const lit = d.literal;
  const t = entityTables(prefix, plan.kind);
  const text = d.name === "duckdb" ? "VARCHAR" : "text";
  const records = q(t.records);
  const identities = q(`${prefix}${plan.kind}_identities`);
  const candidates = q(`${prefix}${plan.kind}_candidates`);
  const consentRows = q(`${prefix}${plan.kind}_consent_rows`);
  const none = (columns: string) => `SELECT ${columns} WHERE FALSE`;
  const union = (parts: string[], empty: string) => (parts.length > 0 ? parts.join("\nUNION ALL\n") : none(empty));
  const keys = sources.map(
    (s, i) =>
      `SELECT ${i} AS part, _record AS source_record, ${lit(s.table)} AS source_table, ${lit(s.key[0])} AS namespace, CAST(${q(s.key[1])} AS ${text}) AS value, ${lit(s.system)} AS system FROM ${q(s.table)}`,
  );
  await run(
    `CREATE TABLE ${records} AS SELECT row_number() OVER (ORDER BY part, source_record) - 1 AS record, namespace, value, system, source_table, source_record FROM (${union(keys, `0 AS part, 0 AS source_record, CAST(NULL AS ${text}) AS source_table, CAST(NULL AS ${text}) AS namespace, CAST(NULL AS ${text}) AS value, CAST(NULL AS ${text}) AS system`)}) u`,
  );
  const join = (s: EntitySource) => `FROM ${q(s.table)} s JOIN ${records} r ON r.source_table = ${lit(s.table)} AND r.source_record = s._record`;
  const ids = sources.flatMap((s) =>
    s.identities
      .filter(([, column]) => stagedTypes.get(s.table)?.[column] !== undefined)
      .map(
        ([namespace, column]) =>
          `SELECT r.record, ${lit(namespace)} AS namespace, CAST(s.${q(column)} AS ${text}) AS value ${join(s)} WHERE s.${q(column)} IS NOT NULL`,
      ),
  );
  await run(`CREATE TABLE ${identities} AS ${union(ids, `CAST(0 AS BIGINT) AS record, CAST(NULL AS ${text}) AS namespace, CAST(NULL AS ${text}) AS value`)}`);
  await run(`CREATE TABLE ${q(t.values)} AS ${identityValuesSql(d, config, t.records, `${prefix}${plan.kind}_identities`)}`);
  const entity = plan.kind === "person" ? config.persons : config.accounts;
  const { rounds } = await clusterRecordsInSql(run, d, entity, { records: t.records, values: t.values, output: t.clusters });
  // candidates: one row per record with every planned column (NULL where the source has none)
  const columns: PlannedColumn[] = [...plan.fields, ...plan.attributes];
  const cell = (s: EntitySource, c: PlannedColumn, isField: boolean) => {
    const column = isField ? s.fields[c.name] : s.attributes[c.name]?.column;
    const has = column !== undefined && stagedTypes.get(s.table)?.[column] !== undefined;
    return has ? toWorkValue(d, c.type, `s.${q(column)}`) : `CAST(NULL AS ${workType(d, c.type)})`;
  };
  const rows = sources.map((s) => {
    const updated = s.fields.updatedAt !== undefined && stagedTypes.get(s.table)?.[s.fields.updatedAt] !== undefined ? `s.${q(s.fields.updatedAt)}` : "NULL";
    const values = [...plan.fields.map((c) => `${cell(s, c, true)} AS ${c.alias}`), ...plan.attributes.map((c) => `${cell(s, c, false)} AS ${c.alias}`)];
    return `SELECT r.record, r.system, r.namespace, r.value, CAST(${updated} AS ${text}) AS updated_at${values.map((v) => `, ${v}`).join("")} ${join(s)}`;
  });
  const emptyCandidates = [
    `CAST(0 AS BIGINT) AS record, CAST(NULL AS ${text}) AS system, CAST(NULL AS ${text}) AS namespace, CAST(NULL AS ${text}) AS value, CAST(NULL AS ${text}) AS updated_at`,
    ...columns.map((c) => `CAST(NULL AS ${workType(d, c.type)}) AS ${c.alias}`),
  ].join(", ");
  await run(`CREATE TABLE ${candidates} AS ${union(rows, emptyCandidates)}`);
  // a policy is named by the field, and mergeFieldsSql reads it by the column it is given: the alias
  const policies = Object.fromEntries(columns.filter((c) => Object.hasOwn(entity.fieldPolicies, c.name)).map((c) => [c.alias, entity.fieldPolicies[c.name]!]));
  const byAlias = { ...entity, fieldPolicies: policies };
  await run(
    `CREATE TABLE ${q(t.merged)} AS ${mergeFieldsSql(d, byAlias, { clusters: t.clusters, candidates: `${prefix}${plan.kind}_candidates`, fields: columns.map((c) => c.alias) })}`,
  );
  const consent = sources.flatMap((s) =>
    Object.entries(s.consent)
      .filter(([column]) => stagedTypes.get(s.table)?.[column] === "boolean")
      .map(
        ([column, rule]) =>
          `SELECT r.record, ${lit(rule.channel)} AS channel, CASE WHEN s.${q(column)} = ${rule.optOutWhen ? "TRUE" : "FALSE"} THEN 'denied' ELSE 'granted' END AS state ${join(s)} WHERE s.${q(column)} IS NOT NULL`,
      ),
  );
  await run(
    `CREATE TABLE ${consentRows} AS ${union(consent, `CAST(0 AS BIGINT) AS record, CAST(NULL AS ${text}) AS channel, CAST(NULL AS ${text}) AS state`)}`,
  );
  await run(`CREATE TABLE ${q(t.consent)} AS ${mergeConsentSql(d, t.clusters, `${prefix}${plan.kind}_consent_rows`)}`);
  for (const table of [identities, candidates, consentRows]) await run(`DROP TABLE ${table}`);
  return { ...t, rounds };
}

/** A query of `(record, raw)`: the value of a standard field (by its column in each source) of every record that has one. */
export function recordFieldSql(
  d: WarehouseDialect,
  sources: readonly EntitySource[],
  tables: EntityTables,
  field: string,
  stagedTypes: ReadonlyMap<string, Readonly<Record<string, string>>>,
): string {
  const q = d.quote;
  const text = d.name === "duckdb" ? "VARCHAR" : "text";
  const parts = sources
    .filter((s) => s.fields[field] !== undefined && stagedTypes.get(s.table)?.[s.fields[field]!] !== undefined)
    .map(
      (s) =>
        `SELECT r.record, CAST(s.${q(s.fields[field]!)} AS ${text}) AS raw FROM ${q(s.table)} s JOIN ${q(tables.records)} r ON r.source_table = ${d.literal(s.table)} AND r.source_record = s._record WHERE s.${q(s.fields[field]!)} IS NOT NULL`,
    );
  return parts.length > 0 ? parts.join("\nUNION ALL\n") : `SELECT CAST(0 AS BIGINT) AS record, CAST(NULL AS ${text}) AS raw WHERE FALSE`;
}
