import type { FieldType } from "@abm-kit/core";
import { layoutDdlStatements, type SqlEntityTable, type SqlFields, type SqlLayout } from "@abm-kit/audience-sql";
import { TABLE_NAMES } from "@abm-kit/audience-sql/internal";
import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";

const EMPTY_LAYOUT: SqlLayout = {
  accounts: {},
  persons: {},
  links: {},
  opportunities: {},
  opportunityRoles: {},
  campaigns: {},
  campaignMembers: {},
  personEvents: {},
  accountEvents: {},
  related: {},
};

/**
 * The statements creating one table of the Snapshot layout (and, for
 * PostgreSQL, its indexes) with these fields, exactly as `layoutDdl` of
 * `@abm-kit/audience-sql` writes them for a whole layout.
 */
export function layoutTableDdl(d: WarehouseDialect, source: SqlEntityTable, fields: SqlFields): string[] {
  const table = TABLE_NAMES[source];
  return layoutDdlStatements({ ...EMPTY_LAYOUT, [source]: fields }, d.name)
    .filter((s) => s.table === table)
    .map((s) => s.sql);
}

/** The statements creating a related table and its owners table with these fields. */
export function relatedTableDdl(
  d: WarehouseDialect,
  name: string,
  related: { keyedBy: "account" | "person" | "domain" | "duns"; ownerKind: "account" | "person"; fields: Readonly<Record<string, FieldType>> },
): string[] {
  return layoutDdlStatements({ ...EMPTY_LAYOUT, related: { [name]: { ...related, fields: { ...related.fields } } } }, d.name)
    .filter((s) => s.table.startsWith("related_"))
    .map((s) => s.sql);
}
