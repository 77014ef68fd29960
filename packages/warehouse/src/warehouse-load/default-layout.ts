import { buildSnapshot, type EntityKind, type FieldType, type RelatedTableDefinition } from "@abm-kit/core";
import { snapshotLayout, type SqlEntityTable, type SqlFields, type SqlLayout } from "@abm-kit/audience-sql";
import { keptExtraColumns } from "../staging/extra-types.js";
import type { StagedExport } from "./staged-export.js";

const TABLES_OF_KIND: Partial<Record<EntityKind, readonly SqlEntityTable[]>> = {
  opportunity: ["opportunities"],
  opportunityRole: ["opportunityRoles"],
  campaign: ["campaigns"],
  campaignMember: ["campaignMembers"],
  event: ["personEvents", "accountEvents"],
};

/**
 * The layout the in-memory Snapshot would have for tables nobody fills: each
 * table's standard fields, plus the custom fields the files declare for its
 * entity kind (their kept extra columns, as the readers declare them: of two
 * types for one name, the smaller JSON text), and every related table with
 * its declared fields.
 */
export function defaultLayout(exports: readonly StagedExport[], relatedTables: readonly RelatedTableDefinition[]): SqlLayout {
  const base = snapshotLayout(buildSnapshot({}, { asOf: 0 }));
  const declared = new Map<SqlEntityTable, SqlFields>();
  for (const e of exports) {
    const tables = e.spec.entity === undefined ? undefined : TABLES_OF_KIND[e.spec.entity];
    if (tables === undefined) continue;
    for (const column of keptExtraColumns(e.spec, e.staged.columns)) {
      const type: FieldType = e.staged.extraTypes[column] ?? "string";
      for (const table of tables) {
        const fields = declared.get(table) ?? {};
        const before = fields[column];
        fields[column] = before === undefined || JSON.stringify({ type: before }) > JSON.stringify({ type }) ? type : before;
        declared.set(table, fields);
      }
    }
  }
  const layout: SqlLayout = { ...base, related: {} };
  for (const [table, fields] of declared) layout[table] = { ...fields, ...base[table] };
  for (const definition of relatedTables) {
    const fields: SqlFields = {};
    for (const [name, def] of Object.entries(definition.fields)) fields[name] = def.type;
    fields.key = "string";
    layout.related[definition.name] = { keyedBy: definition.keyedBy, ownerKind: definition.keyedBy === "person" ? "person" : "account", fields };
  }
  return layout;
}
