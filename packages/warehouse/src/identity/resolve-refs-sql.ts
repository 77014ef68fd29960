import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";

/** What {@link resolveRefsSql} reads. */
export interface ResolveRefsInput {
  /** `(ref, namespace, value)`: the references to resolve (a link's person, an event's owner, …), `ref` unique. */
  readonly refs: string;
  /** `(record, namespace, value)`: every usable identity value of the records (see `identityValuesSql`). */
  readonly values: string;
  /** `(record, entity_id)`: the unified id of every record. */
  readonly clusters: string;
}

/**
 * A query of one row per reference: `ref`, `entity_id` (NULL unless it names
 * exactly one entity) and `matches` (how many entities it names), as the
 * identity graph resolves references: an email is matched normalized (trimmed,
 * lower-cased) when it is an address, other values trimmed, against every
 * identity value of the records (any namespace, over the collapse guard's cap
 * or not). A reference with 0 matches is `unresolved_reference`, with more
 * `ambiguous_reference` in the graph's report.
 */
export function resolveRefsSql(d: WarehouseDialect, input: ResolveRefsInput): string {
  const q = d.quote;
  const email = `lower(${d.trim("r.value")})`;
  const isAddress = `(${d.matches(email, "^.+@[^@]+$")} AND NOT ${d.matches(email, "^.*\\s.*$")})`;
  const normalized = `CASE WHEN r.namespace = 'email' THEN CASE WHEN ${isAddress} THEN ${email} ELSE r.value END ELSE ${d.trim("r.value")} END`;
  return `WITH n AS (SELECT r.ref, r.namespace, ${normalized} AS value FROM ${q(input.refs)} r),
m AS (SELECT n.ref, count(DISTINCT k.entity_id) AS matches, min(k.entity_id) AS entity_id
  FROM n LEFT JOIN ${q(input.values)} v ON v.namespace = n.namespace AND v.value = n.value LEFT JOIN ${q(input.clusters)} k ON k.record = v.record
  GROUP BY n.ref)
SELECT ref, CASE WHEN matches = 1 THEN entity_id END AS entity_id, matches FROM m`;
}
