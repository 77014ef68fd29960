import { fieldColumnNames, type SqlFields } from "@abm-kit/audience-sql";
import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";
import type { SqlRunner } from "../identity/sql-runner.js";
import { layoutTableDdl } from "../layout/layout-table-ddl.js";
import type { EventProperty } from "./event-cells-sql.js";

/** What an event table was written with: its layout fields and its row count. */
export interface WrittenTable {
  readonly table: string;
  /** The table's fields as the layout (`SqlLayout`) names them, with their types. */
  readonly fields: SqlFields;
  readonly rows: number;
}

/**
 * Creates `person_events` or `account_events` with the layout's DDL and fills
 * it from `<prefix>src` (`ref`, `id`, `type`, `occurred_at` ISO text,
 * `source_key`), `<prefix>owner_ids` (`ref`, `entity_id`) and
 * `<prefix>cells`: one row per event whose owner resolved and whose
 * properties all fit their types. `_row` numbers the rows by owner id, time
 * and event id (the Snapshot orders owners by its row order and ids by
 * `compareEventIds`, so `_row` may differ from it).
 */
export async function writeEventTable(
  run: SqlRunner,
  d: WarehouseDialect,
  source: "personEvents" | "accountEvents",
  prefix: string,
  properties: readonly EventProperty[],
): Promise<WrittenTable> {
  const q = d.quote;
  const t = (name: string) => q(`${prefix}${name}`);
  const table = source === "personEvents" ? "person_events" : "account_events";
  const aggregate = (p: EventProperty) =>
    p.type === "string"
      ? `max(CASE WHEN c.name = ${d.literal(p.name)} THEN c.s END)`
      : p.type === "number"
        ? `max(CASE WHEN c.name = ${d.literal(p.name)} THEN c.n END)`
        : `bool_or(CASE WHEN c.name = ${d.literal(p.name)} THEN c.b END)`;
  const keyList = d.name === "duckdb" ? "CASE WHEN s.source_key IS NOT NULL THEN [s.source_key] ELSE [] END" : "ARRAY_REMOVE(ARRAY[s.source_key], NULL)";
  // the events kept (an owner, no bad property), each grouping and join its own statement, then numbered into the table:
  // the groupings, joins and the numbering's sort in one plan do not fit a small memory_limit
  await run(
    `CREATE TABLE ${t("wide")} AS SELECT c.ref, bool_or(c.bad) AS bad${properties.map((p, i) => `, ${aggregate(p)} AS p${i}`).join("")} FROM ${t("cells")} c GROUP BY c.ref`,
  );
  await run(
    `CREATE TABLE ${t("owned")} AS SELECT s.ref, s.id, o.entity_id AS owner_id, s.type, s.occurred_at, s.source_key FROM ${t("src")} s JOIN ${t("owner_ids")} o ON o.ref = s.ref WHERE o.entity_id IS NOT NULL`,
  );
  await run(`CREATE TABLE ${t("rows")} AS SELECT s.ref, s.id, s.owner_id, s.type, s.occurred_at, s.source_key, ${keyList} AS source_keys${properties.map((_, i) => `, w.p${i}`).join("")}
FROM ${t("owned")} s LEFT JOIN ${t("wide")} w ON w.ref = s.ref
WHERE NOT coalesce(w.bad, FALSE)`);
  for (const name of ["wide", "owned"]) await run(`DROP TABLE ${t(name)}`);
  const [{ n: kept } = { n: 0 }] = await run(`SELECT count(*) AS n FROM ${t("rows")} WHERE source_key IS NOT NULL`);
  const fields: SqlFields = { type: "string", occurredAt: "instant" };
  for (const p of properties) fields[p.name] = p.type;
  const withKeys = Number(kept) > 0;
  if (withKeys) fields.sourceKeys = "multi";
  for (const sql of layoutTableDdl(d, source, fields)) await run(sql);
  const columns = fieldColumnNames(fields);
  const targets = ["id", "_row", "_owner_id", q(columns.get("type")!), q(columns.get("occurredAt")!), ...properties.map((p) => q(columns.get(p.name)!))];
  if (withKeys) targets.push(q(columns.get("sourceKeys")!));
  const values = [
    "e.id",
    "row_number() OVER (ORDER BY e.owner_id, e.occurred_at, e.id) - 1",
    "e.owner_id",
    "e.type",
    "CAST(e.occurred_at AS TIMESTAMP)",
    ...properties.map((_, i) => `e.p${i}`),
  ];
  if (withKeys) values.push("e.source_keys");
  await run(`INSERT INTO ${q(table)} (${targets.join(", ")}) SELECT ${values.join(", ")} FROM ${t("rows")} e`);
  await run(`DROP TABLE ${t("rows")}`);
  const [{ n } = { n: 0 }] = await run(`SELECT count(*) AS n FROM ${q(table)}`);
  return { table, fields, rows: Number(n) };
}
