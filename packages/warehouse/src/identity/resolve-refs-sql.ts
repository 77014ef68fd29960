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
  const email = `lower(${d.trim("u.value")})`;
  const isAddress = `(${d.matches(email, "^.+@[^@]+$")} AND NOT ${d.matches(email, "^.*\\s.*$")})`;
  const normalized = `CASE WHEN u.namespace = 'email' THEN CASE WHEN ${isAddress} THEN ${email} ELSE u.value END ELSE ${d.trim("u.value")} END`;
  // each distinct (namespace, value) is resolved once (many references share one: an owner's events), then every reference
  // takes its value's answer; the entities a value names are made distinct first, then counted (no DISTINCT aggregate)
  return `WITH u AS (SELECT DISTINCT namespace, value FROM ${q(input.refs)} WHERE value IS NOT NULL),
n AS (SELECT u.namespace, u.value AS raw, ${normalized} AS value FROM u),
e AS (SELECT DISTINCT n.namespace, n.raw, k.entity_id
  FROM n LEFT JOIN ${q(input.values)} v ON v.namespace = n.namespace AND v.value = n.value LEFT JOIN ${q(input.clusters)} k ON k.record = v.record),
m AS (SELECT namespace, raw, count(entity_id) AS matches, min(entity_id) AS entity_id FROM e GROUP BY namespace, raw)
SELECT r.ref, CASE WHEN m.matches = 1 THEN m.entity_id END AS entity_id, coalesce(m.matches, 0) AS matches
FROM ${q(input.refs)} r LEFT JOIN m ON m.namespace = r.namespace AND m.raw = r.value`;
}
