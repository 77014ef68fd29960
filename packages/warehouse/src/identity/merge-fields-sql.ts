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
 * their JSON text; here by the record number. PostgreSQL takes the first of
 * an ordered, filtered `array_agg`; DuckDB the `first_value(… IGNORE NULLS)`
 * over the entity's records in that order (blanks made NULL); Snowflake,
 * BigQuery and Spark the `FIRST_VALUE` over the entity's records with present
 * values first.
 */
export function mergeFieldsSql(d: WarehouseDialect, config: EntityIdentityConfig, input: MergeFieldsInput): string {
  const q = d.quote;
  const c = d.binaryCollation;
  const precedence = `${rank(d, config.sourcePrecedence, "s.system")}, s.system${c}, ${rank(d, config.idPriority, "s.namespace")}, s.namespace${c}, s.value${c}, s.updated_at DESC NULLS LAST, s.record`;
  const order = (field: string) =>
    (config.fieldPolicies[field] ?? config.defaultPolicy) === "mostRecent" ? `s.updated_at DESC NULLS LAST, ${precedence}` : precedence;
  const text = d.textType;
  if (d.firstValueBy === "window") return windowMerge(d, input, order);
  if (d.firstValueBy === "ignoreNulls") return ignoreNullsMerge(d, config, input, precedence, order);
  const merged = input.fields.map(
    (f) => `(array_agg(s.${q(f)} ORDER BY ${order(f)}) FILTER (WHERE s.${q(f)} IS NOT NULL AND CAST(s.${q(f)} AS ${text}) <> ''))[1] AS ${q(f)}`,
  );
  return `SELECT k.entity_id${merged.map((m) => `,\n  ${m}`).join("")}
FROM ${q(input.candidates)} s JOIN ${q(input.clusters)} k ON k.record = s.record
GROUP BY k.entity_id`;
}

/**
 * The merge as one pass of windows: each candidate row's entity sorted once
 * per order (a partitioned sort, which spills), and per field the first
 * present value over the whole entity (`first_value(… IGNORE NULLS)`, blanks
 * made NULL first); one row per entity, the first in the precedence order.
 * Fields of one order share their window, so `sourcePrecedence` fields cost
 * one sort together. No per-entity state is held, as a grouping's `arg_min`
 * or `array_agg` would (those ran out of a 400MB `memory_limit` at 5M entities).
 */
function ignoreNullsMerge(
  d: WarehouseDialect,
  config: EntityIdentityConfig,
  input: MergeFieldsInput,
  precedence: string,
  order: (field: string) => string,
): string {
  const q = d.quote;
  const recent = (f: string) => (config.fieldPolicies[f] ?? config.defaultPolicy) === "mostRecent";
  const whole = "ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING";
  const windows = [`_by_precedence AS (PARTITION BY k.entity_id ORDER BY ${precedence} ${whole})`];
  if (input.fields.some(recent)) windows.push(`_by_recency AS (PARTITION BY k.entity_id ORDER BY ${order(input.fields.find(recent)!)} ${whole})`);
  const merged = input.fields.map(
    (f) =>
      `first_value(CASE WHEN s.${q(f)} IS NOT NULL AND CAST(s.${q(f)} AS ${d.textType}) <> '' THEN s.${q(f)} END IGNORE NULLS) OVER ${recent(f) ? "_by_recency" : "_by_precedence"} AS ${q(f)}`,
  );
  return `SELECT entity_id${input.fields.map((f) => `, ${q(f)}`).join("")} FROM (
SELECT k.entity_id, row_number() OVER _by_precedence AS _n${merged.map((m) => `,\n  ${m}`).join("")}
FROM ${q(input.candidates)} s JOIN ${q(input.clusters)} k ON k.record = s.record
WINDOW ${windows.join(", ")}
) m WHERE _n = 1`;
}

/** The merge with window functions: each field's first value over the entity's records, present values first; one row per entity. */
function windowMerge(d: WarehouseDialect, input: MergeFieldsInput, order: (field: string) => string): string {
  const q = d.quote;
  const present = (f: string) => `s.${q(f)} IS NOT NULL AND CAST(s.${q(f)} AS ${d.textType}) <> ''`;
  const merged = input.fields.map(
    (f) =>
      `FIRST_VALUE(CASE WHEN ${present(f)} THEN s.${q(f)} END) OVER (PARTITION BY k.entity_id ORDER BY CASE WHEN ${present(f)} THEN 0 ELSE 1 END, ${order(f)} ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS ${q(f)}`,
  );
  return `SELECT entity_id${input.fields.map((f) => `, ${q(f)}`).join("")} FROM (
SELECT k.entity_id, row_number() OVER (PARTITION BY k.entity_id ORDER BY s.record) AS _n${merged.map((m) => `,\n  ${m}`).join("")}
FROM ${q(input.candidates)} s JOIN ${q(input.clusters)} k ON k.record = s.record
) m WHERE _n = 1`;
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
