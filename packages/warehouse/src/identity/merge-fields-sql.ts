import type { EntityIdentityConfig } from "@abm-kit/core";
import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";

/** What {@link mergeFieldsSql} reads. */
export interface MergeFieldsInput {
  /** `(record, entity_id)`: the unified id of every record (see `clusterRecordsInSql`). */
  readonly clusters: string;
  /** One row per source record: `record`, `system` (of its source key), `namespace` and `value` (its own key), `updated_at` (ISO text in UTC, or NULL), and one column per field. */
  readonly candidates: string;
  /** The field columns of `candidates` to merge. */
  readonly fields: readonly string[];
}

const rank = (d: WarehouseDialect, list: readonly string[], column: string) =>
  list.length === 0 ? "0" : `CASE ${column} ${list.map((x, i) => `WHEN ${d.literal(x)} THEN ${i}`).join(" ")} ELSE ${list.length} END`;

/**
 * A query of one row per unified entity: `entity_id` and each field's merged
 * value, as the identity graph merges them: the first present value (not NULL,
 * not empty text) in the order of the field's policy — `sourcePrecedence`:
 * source system by `sourcePrecedence` (unlisted systems after, by name), then
 * own-key namespace by `idPriority`, then own-key value, then the latest
 * `updated_at`; `mostRecent`: the latest `updated_at` first, then that order.
 * Copies of one record that tie on all of these are told apart in memory by
 * their JSON text; here by the record number.
 */
export function mergeFieldsSql(d: WarehouseDialect, config: EntityIdentityConfig, input: MergeFieldsInput): string {
  const q = d.quote;
  const c = d.name === "postgres" ? ' COLLATE "C"' : "";
  const precedence = `${rank(d, config.sourcePrecedence, "s.system")}, s.system${c}, ${rank(d, config.idPriority, "s.namespace")}, s.namespace${c}, s.value${c}, s.updated_at DESC NULLS LAST, s.record`;
  const order = (field: string) =>
    (config.fieldPolicies[field] ?? config.defaultPolicy) === "mostRecent" ? `s.updated_at DESC NULLS LAST, ${precedence}` : precedence;
  const text = d.name === "duckdb" ? "VARCHAR" : "text";
  const merged = input.fields.map(
    (f) => `(array_agg(s.${q(f)} ORDER BY ${order(f)}) FILTER (WHERE s.${q(f)} IS NOT NULL AND CAST(s.${q(f)} AS ${text}) <> ''))[1] AS ${q(f)}`,
  );
  return `SELECT k.entity_id${merged.map((m) => `,\n  ${m}`).join("")}
FROM ${q(input.candidates)} s JOIN ${q(input.clusters)} k ON k.record = s.record
GROUP BY k.entity_id`;
}

/**
 * A query of one row per unified entity and consent channel (`entity_id`,
 * `channel`, `state`) from `(record, channel, state)` rows: `denied` if any
 * record denies, else `granted` if any grants, else `unknown` — the identity
 * graph's conservative consent merge.
 */
export function mergeConsentSql(d: WarehouseDialect, clusters: string, consent: string): string {
  const q = d.quote;
  return `SELECT k.entity_id, s.channel, CASE max(CASE s.state WHEN 'denied' THEN 2 WHEN 'granted' THEN 1 ELSE 0 END) WHEN 2 THEN 'denied' WHEN 1 THEN 'granted' ELSE 'unknown' END AS state
FROM ${q(consent)} s JOIN ${q(clusters)} k ON k.record = s.record
GROUP BY k.entity_id, s.channel`;
}
