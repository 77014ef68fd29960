import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";
import type { SqlRunner } from "./sql-runner.js";

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
  // each distinct (namespace, value) is resolved once (many references share one: an owner's events), then every reference
  // takes its value's answer; the entities a value names are made distinct first, then counted (no DISTINCT aggregate)
  return `WITH n AS (${distinctRefValuesSql(d, input.refs)}),
e AS (SELECT DISTINCT n.namespace, n.raw, k.entity_id
  FROM n LEFT JOIN ${q(input.values)} v ON v.namespace = n.namespace AND v.value = n.value LEFT JOIN ${q(input.clusters)} k ON k.record = v.record),
m AS (${matchCountsSql("e")})
${answersSql(d, input.refs, "m")}`;
}

/**
 * {@link resolveRefsSql} run as a chain of statements that each hold at most
 * one join or grouping (so each spills on its own within a small memory
 * limit), writing the same rows to the table `output`: the distinct values
 * referred to, their records, their entities, the count per value, then the
 * answer per reference. Work tables are named `<output>__…` and dropped.
 */
export async function resolveRefsInSql(run: SqlRunner, d: WarehouseDialect, input: ResolveRefsInput, output: string): Promise<void> {
  const q = d.quote;
  const work = (name: string) => `${output}__${name}`;
  await run(`CREATE TABLE ${q(work("values"))} AS ${distinctRefValuesSql(d, input.refs)}`);
  await run(
    `CREATE TABLE ${q(work("records"))} AS SELECT n.namespace, n.raw, v.record FROM ${q(work("values"))} n LEFT JOIN ${q(input.values)} v ON v.namespace = n.namespace AND v.value = n.value`,
  );
  await run(
    `CREATE TABLE ${q(work("entities"))} AS SELECT DISTINCT r.namespace, r.raw, k.entity_id FROM ${q(work("records"))} r LEFT JOIN ${q(input.clusters)} k ON k.record = r.record`,
  );
  await run(`CREATE TABLE ${q(work("matches"))} AS ${matchCountsSql(q(work("entities")))}`);
  await run(`CREATE TABLE ${q(output)} AS ${answersSql(d, input.refs, q(work("matches")))}`);
  for (const name of ["values", "records", "entities", "matches"]) await run(`DROP TABLE ${q(work(name))}`);
}

/** `(namespace, raw, value)`: each distinct value referred to, and its normalized form. */
function distinctRefValuesSql(d: WarehouseDialect, refs: string): string {
  const email = `lower(${d.trim("u.value")})`;
  const isAddress = `(${d.matches(email, "^.+@[^@]+$")} AND NOT ${d.matches(email, "^.*\\s.*$")})`;
  const normalized = `CASE WHEN u.namespace = 'email' THEN CASE WHEN ${isAddress} THEN ${email} ELSE u.value END ELSE ${d.trim("u.value")} END`;
  return `SELECT u.namespace, u.value AS raw, ${normalized} AS value FROM (SELECT DISTINCT namespace, value FROM ${d.quote(refs)} WHERE value IS NOT NULL) u`;
}

/** `(namespace, raw, matches, entity_id)` from distinct `(namespace, raw, entity_id)` rows (`entity_id` NULL when none). */
const matchCountsSql = (entities: string) =>
  `SELECT namespace, raw, count(entity_id) AS matches, min(entity_id) AS entity_id FROM ${entities} GROUP BY namespace, raw`;

/** One row per reference: its entity when its value names exactly one, and how many it names. */
const answersSql = (d: WarehouseDialect, refs: string, matches: string) =>
  `SELECT r.ref, CASE WHEN m.matches = 1 THEN m.entity_id END AS entity_id, coalesce(m.matches, 0) AS matches
FROM ${d.quote(refs)} r LEFT JOIN ${matches} m ON m.namespace = r.namespace AND m.raw = r.value`;
