import type { EntityIdentityConfig } from "@abm-kit/core";
import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";
import type { SqlRunner } from "./sql-runner.js";

/** What {@link clusterRecordsInSql} reads and writes. */
export interface ClusterTables {
  /** `(record, namespace, value)`: each source record's number and own key. */
  readonly records: string;
  /** `(record, namespace, value)`: the usable identity values of each record (see `identityValuesSql`), own keys included. */
  readonly values: string;
  /** The table to create: `(record, entity_id)`, the unified id of every record. */
  readonly output: string;
  /** A prefix for the work tables (dropped at the end). */
  readonly workPrefix?: string;
}

/** How the clustering ran: rounds of label propagation until no label changed. */
export interface ClusterRun {
  readonly rounds: number;
}

const rankSql = (d: WarehouseDialect, list: readonly string[], column: string) =>
  list.length === 0 ? "0" : `CASE ${column} ${list.map((ns, i) => `WHEN ${d.literal(ns)} THEN ${i}`).join(" ")} ELSE ${list.length} END`;

/**
 * Groups source records into unified entities in SQL, by the identity
 * graph's rules: records with the same own key are one; records sharing a
 * value of a merge namespace are one, unless more distinct own keys than the
 * rule's `maxRecordsPerValue` hold the value (the collapse guard). Connected
 * components come from label propagation over the record–value graph, driven
 * from here through `run` (any engine, any of the five dialects): each round is
 * two `CREATE TABLE … AS` statements computing the next labels (each group's
 * least label, then each record's; groups are numbered once beforehand), a count of the
 * labels that changed and a swap of the tables, until a round changes nothing
 * (labels only decrease, so it terminates). The unified id is the own key first by
 * `idPriority`, then namespace and value in code-unit order (`rawIdNamespaces`
 * ids as they are, others `namespace:value`).
 */
export async function clusterRecordsInSql(run: SqlRunner, d: WarehouseDialect, config: EntityIdentityConfig, tables: ClusterTables): Promise<ClusterRun> {
  const q = d.quote;
  const work = tables.workPrefix ?? `${tables.output}__`;
  const edges = q(`${work}edges`);
  const edgeTexts = q(`${work}edge_texts`);
  const groups = q(`${work}groups`);
  const groupLabels = q(`${work}group_labels`);
  const labels = q(`${work}labels`);
  const next = q(`${work}next`);
  const c = d.binaryCollation;
  const sep = d.chr(31);
  const caps = config.mergeOn
    .map((r) => `SELECT ${d.literal(r.namespace)} AS namespace, ${r.maxRecordsPerValue ?? `CAST(NULL AS ${d.bigintType})`} AS cap`)
    .join(" UNION ALL ");
  // a group is a merge value within its cap, or an own key (copies of one record); the distinct holders of a value are
  // listed before they are counted (a plain DISTINCT spills, a count(DISTINCT …) keeps a set per value in memory)
  await run(`CREATE TABLE ${edgeTexts} AS
WITH own AS (SELECT record, namespace || ${sep} || value AS own_key FROM ${q(tables.records)}),
caps AS (${caps === "" ? `SELECT CAST(NULL AS ${d.textCastType}) AS namespace, CAST(NULL AS ${d.bigintType}) AS cap ${d.noRows}` : caps}),
held AS (SELECT v.record, v.namespace, v.value, o.own_key FROM ${q(tables.values)} v JOIN own o ON o.record = v.record JOIN caps ON caps.namespace = v.namespace),
holders AS (SELECT DISTINCT namespace, value, own_key FROM held),
allowed AS (SELECT h.namespace, h.value FROM holders h JOIN caps ON caps.namespace = h.namespace GROUP BY h.namespace, h.value, caps.cap HAVING caps.cap IS NULL OR count(*) <= caps.cap)
SELECT DISTINCT h.record, 'v' || ${sep} || h.namespace || ${sep} || h.value AS grp FROM held h JOIN allowed a ON a.namespace = h.namespace AND a.value = h.value
${d.unionDistinct}
SELECT record, 'o' || ${sep} || own_key FROM own`);
  // each group is numbered once, so the rounds join and group on numbers, not on texts (less memory, it spills less)
  await run(`CREATE TABLE ${groups} AS SELECT grp, row_number() OVER (ORDER BY grp) AS gid FROM (SELECT DISTINCT grp FROM ${edgeTexts}) t`);
  await run(`CREATE TABLE ${edges} AS SELECT e.record, g.gid AS grp FROM ${edgeTexts} e JOIN ${groups} g ON g.grp = e.grp`);
  await run(`DROP TABLE ${edgeTexts}`);
  await run(`DROP TABLE ${groups}`);
  await run(`CREATE TABLE ${labels} AS SELECT record, record AS label FROM ${q(tables.records)}`);
  let rounds = 0;
  for (;;) {
    rounds++;
    // two statements: a group's least label, then each record's least label over its groups
    await run(`CREATE TABLE ${groupLabels} AS SELECT e.grp, min(l.label) AS label FROM ${edges} e JOIN ${labels} l ON l.record = e.record GROUP BY e.grp`);
    await run(`CREATE TABLE ${next} AS
WITH r AS (SELECT e.record, min(g.label) AS label FROM ${edges} e JOIN ${groupLabels} g ON g.grp = e.grp GROUP BY e.record)
SELECT l.record, CASE WHEN r.label < l.label THEN r.label ELSE l.label END AS label FROM ${labels} l LEFT JOIN r ON r.record = l.record`);
    const [row] = await run(`SELECT count(*) AS changed FROM ${next} n JOIN ${labels} l ON l.record = n.record WHERE n.label <> l.label`);
    await run(`DROP TABLE ${groupLabels}`);
    await run(`DROP TABLE ${labels}`);
    await run(`ALTER TABLE ${next} RENAME TO ${labels}`);
    // the one column of the count (Snowflake names it in upper case)
    if (Number(Object.values(row!)[0]) === 0) break;
  }
  const raw = config.rawIdNamespaces.length === 0 ? "FALSE" : `r.namespace IN (${config.rawIdNamespaces.map(d.literal).join(", ")})`;
  await run(`CREATE TABLE ${q(tables.output)} AS
WITH best AS (
  SELECT l.label, r.namespace, r.value, row_number() OVER (PARTITION BY l.label ORDER BY ${rankSql(d, config.idPriority, "r.namespace")}, r.namespace${c}, r.value${c}) AS n
  FROM ${labels} l JOIN ${q(tables.records)} r ON r.record = l.record
)
SELECT l.record, CASE WHEN ${raw.replaceAll("r.namespace", "b.namespace")} THEN b.value ELSE b.namespace || ':' || b.value END AS entity_id
FROM ${labels} l JOIN best b ON b.label = l.label AND b.n = 1`);
  await run(`DROP TABLE ${labels}`);
  await run(`DROP TABLE ${edges}`);
  return { rounds };
}
