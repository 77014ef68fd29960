import { MARKETO_ACTIVITY_TYPES } from "@abm-kit/sources";
import { PRIMARY_ATTRIBUTE_PROPERTY } from "@abm-kit/sources/internal";
import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";
import { finiteDoubleSql } from "./js-number-sql.js";
import { jsonSql } from "./json-value-sql.js";
import type { StagedColumn } from "../layout/staged-columns.js";

/** A staged Marketo activities table (`marketoSpec("activities")`) and the reader options that change its events. */
export interface StagedActivityTable {
  readonly table: string;
  /** The Marketo instance of the source keys (the reader's `instance` option). */
  readonly instance?: string;
  /** Names of activity type ids beyond `MARKETO_ACTIVITY_TYPES` (the reader's `activityTypes` option). */
  readonly activityTypes?: Readonly<Record<number, string>>;
}

/** The standard columns of the activities export; every other staged column is a property. */
export const ACTIVITY_COLUMNS = new Set([
  "_record",
  "marketoGUID",
  "leadId",
  "activityDate",
  "activityTypeId",
  "campaignId",
  "primaryAttributeValueId",
  "primaryAttributeValue",
  "attributes",
]);

/** kind, txt, num of a JSON value as the reader keeps it: objects and arrays become their JSON text. */
function jsonCell(d: WarehouseDialect, value: string): string {
  const j = jsonSql(d);
  const type = j.type(value);
  return `CASE ${type} WHEN 'object' THEN 'string' WHEN 'array' THEN 'string' ELSE ${type} END AS kind, CASE WHEN ${type} <> 'null' AND ${type} <> 'number' THEN ${j.text(value)} END AS txt, CASE WHEN ${type} = 'number' THEN ${finiteDoubleSql(d, j.text(value))} END AS num`;
}

/**
 * Statements writing, from staged Marketo activities tables (in load order):
 * - `<prefix>src (ref, part, record, id, type, occurred_at, source_key, …)`: one row per activity, `ref` unique and
 *   in load order (part, then record);
 * - `<prefix>owner_refs (ref, namespace, value)`: its lead, for `resolveRefsSql`;
 * - `<prefix>raw (ref, fixed, prio, pos, key, kind, txt, num)`: every candidate property value,
 *   as the reader sets them: the attributes JSON (an object, or REST's `[{ name, value }]`),
 *   then the other columns, then the primary attribute value, its id and the campaign id —
 *   a later one replacing an earlier one of the same property name. `fixed` rows are named;
 *   the others' `key` still needs `propertyName`.
 * `extras[i]` lists the property columns of `tables[i]`.
 */
export function marketoActivitiesSql(
  d: WarehouseDialect,
  tables: readonly StagedActivityTable[],
  extras: readonly (readonly StagedColumn[])[],
  prefix: string,
): string[] {
  const q = d.quote;
  const j = jsonSql(d);
  const union = tables
    .map((t, i) => {
      const names = { ...MARKETO_ACTIVITY_TYPES, ...t.activityTypes };
      const typeId = `CAST(${q("activityTypeId")} AS BIGINT)`;
      const type = `CASE ${typeId} ${Object.entries(names)
        .map(([id, name]) => `WHEN ${Number(id)} THEN ${d.literal(name)}`)
        .join(" ")} ELSE 'Activity ' || CAST(${typeId} AS VARCHAR) END`;
      const key = `${d.literal(`marketo/${t.instance ?? "-"}/Activity/`)} || ${q("marketoGUID")}`;
      return `SELECT ${i} AS part, _record AS record, 'marketo:' || ${q("marketoGUID")} AS id, ${type} AS type, ${q("activityDate")} AS occurred_at, ${key} AS source_key, ${q("leadId")} AS lead_id, ${typeId} AS type_id, ${q("attributes")} AS attrs, ${q("primaryAttributeValue")} AS pav, ${q("primaryAttributeValueId")} AS pav_id, ${q("campaignId")} AS campaign_id FROM ${q(t.table)}`;
    })
    .join("\nUNION ALL\n");
  // no file: no rows, with the columns
  const none = `SELECT 0 AS part, 0 AS record, CAST(NULL AS VARCHAR) AS id, CAST(NULL AS VARCHAR) AS type, CAST(NULL AS VARCHAR) AS occurred_at, CAST(NULL AS VARCHAR) AS source_key, CAST(NULL AS VARCHAR) AS lead_id, CAST(NULL AS BIGINT) AS type_id, CAST(NULL AS VARCHAR) AS attrs, CAST(NULL AS VARCHAR) AS pav, CAST(NULL AS VARCHAR) AS pav_id, CAST(NULL AS VARCHAR) AS campaign_id WHERE FALSE`;
  const src = q(`${prefix}src`);
  const json = q(`${prefix}json`);
  const primaryName = `CASE s.type_id ${Object.entries(PRIMARY_ATTRIBUTE_PROPERTY)
    .map(([id, name]) => `WHEN ${Number(id)} THEN ${d.literal(name)}`)
    .join(" ")} ELSE 'primaryAttributeValue' END`;
  const textCell = (expr: string) => `'string' AS kind, ${expr} AS txt, CAST(NULL AS ${d.doubleType}) AS num`;
  const object = `CASE WHEN ${j.type("s.j")} = 'object' THEN s.j END`;
  const array = `CASE WHEN ${j.type("s.j")} = 'array' THEN s.j END`;
  const allNamed = `NOT EXISTS (SELECT 1 FROM ${j.elements(array, "x")} WHERE ${j.type("x.value")} <> 'object' OR ${j.member("x.value", "name")} IS NULL)`;
  const parts = [
    `SELECT s.ref, FALSE AS fixed, 0 AS prio, CAST(e.pos AS BIGINT) AS pos, CAST(e.key AS VARCHAR) AS key, ${jsonCell(d, "e.value")} FROM ${json} s, ${j.entries(object, "e")}`,
    `SELECT s.ref, FALSE AS fixed, 0 AS prio, CAST(e.pos AS BIGINT) AS pos, coalesce(${j.text(j.member("e.value", "name"))}, 'null') AS key, ${jsonCell(d, j.member("e.value", "value"))} FROM ${json} s, ${j.elements(array, "e")} WHERE ${allNamed}`,
    ...tables.flatMap((t, i) =>
      (extras[i] ?? [])
        .filter((c) => c.kind !== "list")
        .map(
          (c, k) =>
            `SELECT s.ref, FALSE AS fixed, 1 AS prio, ${k} AS pos, ${d.literal(c.name)} AS key, ${d.literal(c.kind)} AS kind, ${c.kind === "number" ? "CAST(NULL AS VARCHAR)" : c.kind === "boolean" ? `CASE WHEN t.${q(c.name)} THEN 'true' ELSE 'false' END` : `CAST(t.${q(c.name)} AS VARCHAR)`} AS txt, ${c.kind === "number" ? `CAST(t.${q(c.name)} AS ${d.doubleType})` : `CAST(NULL AS ${d.doubleType})`} AS num FROM ${src} s JOIN ${q(t.table)} t ON s.part = ${i} AND t._record = s.record WHERE t.${q(c.name)} IS NOT NULL`,
        ),
    ),
    `SELECT s.ref, TRUE AS fixed, 2 AS prio, 0 AS pos, ${primaryName} AS key, ${textCell("s.pav")} FROM ${src} s WHERE s.pav IS NOT NULL`,
    `SELECT s.ref, TRUE AS fixed, 3 AS prio, 0 AS pos, 'primaryAttributeValueId' AS key, ${textCell("s.pav_id")} FROM ${src} s WHERE s.pav_id IS NOT NULL`,
    `SELECT s.ref, TRUE AS fixed, 4 AS prio, 0 AS pos, 'campaignId' AS key, ${textCell("s.campaign_id")} FROM ${src} s WHERE s.campaign_id IS NOT NULL`,
  ];
  return [
    ...j.setup,
    // ref in (part, record) order without sorting the rows: the part above the record number (under 2^40)
    `CREATE TABLE ${src} AS SELECT CAST(part AS ${d.bigintType}) * 1099511627776 + record AS ref, * FROM (${tables.length > 0 ? union : none}) u`,
    `CREATE TABLE ${q(`${prefix}owner_refs`)} AS SELECT ref, 'marketo.lead' AS namespace, lead_id AS value FROM ${src}`,
    `CREATE TABLE ${json} AS SELECT ref, ${j.parse("attrs")} AS j FROM ${src} WHERE attrs IS NOT NULL`,
    `CREATE TABLE ${q(`${prefix}raw`)} AS ${parts.join("\nUNION ALL\n")}`,
  ];
}
