import { CONSENT_COLUMN_PREFIX, type FieldType } from "@abm-kit/core";
import { layoutTables, type SqlFields, type SqlLayout } from "@abm-kit/audience-sql";
import { TABLE_NAMES } from "@abm-kit/audience-sql/internal";
import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";
import type { SqlRunner } from "../identity/sql-runner.js";
import type { EntityPlan, PlannedColumn } from "./attribute-plan.js";
import { emptyTextList, type LinkTables } from "./links-sql.js";
import type { EntityTables } from "./unify-entities.js";
import { toLayoutValue } from "./value-types.js";

/** The columns a unified kind has in the layout: what the Snapshot's table of it would have. */
export interface EntityColumns {
  /** Layout fields (standard, attributes, `consent.<channel>`) and their types. */
  readonly fields: SqlFields;
  /** The planned columns that are layout fields. */
  readonly columns: readonly PlannedColumn[];
  /** Consent channels with a column (`consent.<channel>`), persons only. */
  readonly channels: readonly string[];
}

/**
 * The fields of the layout table of a kind, as the Snapshot builder makes
 * them: every standard field, every declared attribute, an undeclared
 * attribute only when some entity has a value of it, and for persons one
 * `consent.<channel>` string column per channel some person has consent for.
 */
export async function entityColumns(run: SqlRunner, d: WarehouseDialect, plan: EntityPlan, tables: EntityTables): Promise<EntityColumns> {
  const q = d.quote;
  const undeclared = plan.attributes.filter((a) => !a.declared);
  const [present] =
    undeclared.length > 0 ? await run(`SELECT ${undeclared.map((a) => `count(${a.alias}) AS ${a.alias}`).join(", ")} FROM ${q(tables.merged)}`) : [{}];
  const columns = [...plan.fields, ...plan.attributes.filter((a) => a.declared || Number(present![a.alias]) > 0)];
  const channels =
    plan.kind === "person" ? (await run(`SELECT DISTINCT channel FROM ${q(tables.consent)} ORDER BY channel`)).map((r) => String(r.channel)) : [];
  const fields: SqlFields = {};
  for (const c of columns) fields[c.name] = c.type;
  for (const channel of channels) fields[CONSENT_COLUMN_PREFIX + channel] = "string";
  return { fields, columns, channels };
}

const order = (d: WarehouseDialect, expr: string) => (d.name === "postgres" ? `${expr} COLLATE "C"` : expr);

function columnOf(layout: SqlLayout, table: "accounts" | "persons" | "links"): (field: string) => string {
  const sql = layoutTables(layout).find((t) => t.source === table)!;
  return (field) => sql.columns.find((c) => c.field === field)!.name;
}

/** Fills the layout table of persons or accounts from the merged values; returns the rows written. */
export async function fillEntityTable(
  run: SqlRunner,
  d: WarehouseDialect,
  layout: SqlLayout,
  kind: "person" | "account",
  tables: EntityTables,
  columns: EntityColumns,
): Promise<number> {
  const q = d.quote;
  const table = kind === "person" ? "persons" : "accounts";
  const column = columnOf(layout, table);
  const names = ["id", "_row", ...columns.columns.map((c) => q(column(c.name))), ...columns.channels.map((ch) => q(column(CONSENT_COLUMN_PREFIX + ch)))];
  const values = [
    "m.entity_id",
    `row_number() OVER (ORDER BY ${order(d, "m.entity_id")}) - 1`,
    ...columns.columns.map((c) => toLayoutValue(d, c.type, `m.${c.alias}`)),
    ...columns.channels.map((_, i) => `m.c${i}`),
  ];
  if (columns.channels.length === 0) {
    await run(`INSERT INTO ${q(TABLE_NAMES[table])} (${names.join(", ")}) SELECT ${values.join(", ")} FROM ${q(tables.merged)} m`);
  } else {
    // consent beside the merged values first, numbered after: the join and the numbering's sort in one statement do not fit a small memory_limit
    const withConsent = q(`${tables.merged}__consent`);
    await run(
      `CREATE TABLE ${withConsent} AS SELECT m.*, ${columns.channels.map((_, i) => `c.c${i}`).join(", ")} FROM ${q(tables.merged)} m LEFT JOIN (SELECT entity_id, ${columns.channels.map((ch, i) => `max(CASE WHEN channel = ${d.literal(ch)} THEN state END) AS c${i}`).join(", ")} FROM ${q(tables.consent)} GROUP BY entity_id) c ON c.entity_id = m.entity_id`,
    );
    await run(`INSERT INTO ${q(TABLE_NAMES[table])} (${names.join(", ")}) SELECT ${values.join(", ")} FROM ${withConsent} m`);
    await run(`DROP TABLE ${withConsent}`);
  }
  const [row] = await run(`SELECT count(*) AS n FROM ${q(TABLE_NAMES[table])}`);
  return Number(row!.n);
}

/**
 * Fills the layout's links from the link work table, as the Snapshot builder
 * merges links of one account and person: roles and reasons united (sorted,
 * each once), direct, active and primary if any link is, the earliest start
 * and the latest end date; rows in account then person id order.
 */
export async function fillLinkTable(run: SqlRunner, d: WarehouseDialect, layout: SqlLayout, tables: LinkTables): Promise<number> {
  const q = d.quote;
  const column = columnOf(layout, "links");
  const links = q(tables.links);
  const field = (name: string, type: FieldType, expr: string) => [q(column(name)), toLayoutValue(d, type, expr)] as const;
  const list = (expr: string) => `coalesce(${expr}, ${emptyTextList(d)})`;
  const source = (value: string, name: string) => `SELECT account_id, person_id, ${name === "roles" ? "unnest(roles)" : "rule"} AS ${value} FROM ${links}`;
  // DuckDB: each pair's values numbered once (copies dropped), then listed in order over the pair's window: only sorts,
  // which spill (a grouping's list per pair, or an ordered aggregate after a DISTINCT, did not fit a small memory_limit)
  const set = (value: string, name: string) =>
    d.name === "duckdb"
      ? `SELECT account_id, person_id, ${name} FROM (
SELECT account_id, person_id, list(${value}) OVER pair AS ${name}, row_number() OVER pair AS _n FROM (
SELECT account_id, person_id, ${value}, row_number() OVER (PARTITION BY account_id, person_id, ${value} ORDER BY ${value}) AS _copy FROM (${source(value, name)}) u WHERE ${value} IS NOT NULL
) x WHERE _copy = 1
WINDOW pair AS (PARTITION BY account_id, person_id ORDER BY ${value} ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
) y WHERE _n = 1`
      : `SELECT account_id, person_id, array_agg(${value} ORDER BY ${order(d, value)}) AS ${name} FROM (SELECT DISTINCT account_id, person_id, ${value} FROM (${source(value, name)}) u WHERE ${value} IS NOT NULL) x GROUP BY account_id, person_id`;
  const assigned = [
    [q(column("roles")), list("g.roles")] as const,
    field("isDirect", "boolean", "g.is_direct"),
    field("isActive", "boolean", "g.is_active"),
    field("isPrimary", "boolean", "g.is_primary"),
    [q(column("startDate")), "CAST(g.start_date AS DATE)"] as const,
    [q(column("endDate")), "CAST(g.end_date AS DATE)"] as const,
    [q(column("reasons")), list("w.reasons")] as const,
  ];
  // merged first, numbered after, and each grouping and join its own statement: the groupings, joins and the sort of the
  // numbering in one plan do not fit a small memory_limit
  const merged = q(`${tables.links}__merged`);
  const work = (name: string) => q(`${tables.links}__${name}`);
  await run(
    `CREATE TABLE ${work("flags")} AS SELECT account_id, person_id, bool_or(is_direct) AS is_direct, bool_or(is_active) AS is_active, bool_or(is_primary) AS is_primary, min(start_date) AS start_date, max(end_date) AS end_date FROM ${links} GROUP BY account_id, person_id`,
  );
  await run(`CREATE TABLE ${work("roles")} AS ${set("role", "roles")}`);
  await run(`CREATE TABLE ${work("reasons")} AS ${set("reason", "reasons")}`);
  await run(
    `CREATE TABLE ${work("with_roles")} AS SELECT g.*, r.roles FROM ${work("flags")} g LEFT JOIN ${work("roles")} r ON r.account_id = g.account_id AND r.person_id = g.person_id`,
  );
  await run(`CREATE TABLE ${merged} AS SELECT g.account_id, g.person_id, ${assigned.map(([, v], i) => `${v} AS c${i}`).join(", ")}
FROM ${work("with_roles")} g LEFT JOIN ${work("reasons")} w ON w.account_id = g.account_id AND w.person_id = g.person_id`);
  for (const name of ["flags", "roles", "reasons", "with_roles"]) await run(`DROP TABLE ${work(name)}`);
  await run(`INSERT INTO ${q(TABLE_NAMES.links)} (_row, _account_id, _person_id, ${assigned.map(([n]) => n).join(", ")})
SELECT row_number() OVER (ORDER BY ${order(d, "account_id")}, ${order(d, "person_id")}) - 1, account_id, person_id, ${assigned.map((_, i) => `c${i}`).join(", ")} FROM ${merged}`);
  await run(`DROP TABLE ${merged}`);
  const [row] = await run(`SELECT count(*) AS n FROM ${q(TABLE_NAMES.links)}`);
  return Number(row!.n);
}
