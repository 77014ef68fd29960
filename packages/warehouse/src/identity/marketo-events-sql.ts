import { MARKETO_ACTIVITY_TYPES } from "@abm-kit/sources";
import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";

/**
 * Statements writing `<prefix>events (ref, id, type, occurred_at)` and the
 * owner references `<prefix>owner_refs (ref, namespace, value)` (for
 * `resolveRefsSql`) from a staged Marketo activities table, as the reader maps
 * them: id `marketo:<marketoGUID>`, the type named from `MARKETO_ACTIVITY_TYPES`
 * (then `extraTypes`, else `Activity <id>`), owner `marketo.lead` `leadId`.
 * The event's properties (the attributes JSON) are not read yet.
 */
export function marketoEventsSql(d: WarehouseDialect, table: string, prefix: string, extraTypes: Readonly<Record<number, string>> = {}): string[] {
  const q = d.quote;
  const names = { ...MARKETO_ACTIVITY_TYPES, ...extraTypes };
  const typeId = `CAST(${q("activityTypeId")} AS BIGINT)`;
  const type = `CASE ${typeId} ${Object.entries(names)
    .map(([id, name]) => `WHEN ${Number(id)} THEN ${d.literal(name)}`)
    .join(" ")} ELSE 'Activity ' || CAST(${typeId} AS VARCHAR) END`;
  const events = q(`${prefix}events`);
  return [
    `CREATE TABLE ${events} AS SELECT _record AS ref, 'marketo:' || ${q("marketoGUID")} AS id, ${type} AS type, ${q("activityDate")} AS occurred_at, ${q("leadId")} AS lead_id FROM ${q(table)}`,
    `CREATE TABLE ${q(`${prefix}owner_refs`)} AS SELECT ref, 'marketo.lead' AS namespace, lead_id AS value FROM ${events}`,
  ];
}
