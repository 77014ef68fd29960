import type { Snapshot, Table } from "@abm-kit/core";
import type { SqlFields, SqlLayout } from "./layout.js";

function fieldsOf(table: Table<string>): SqlFields {
  const out: SqlFields = {};
  for (const field of table.fields()) out[field.name] = field.type;
  return out;
}

/** The layout of a Snapshot's tables: every column of every table with its type. */
export function snapshotLayout(snapshot: Snapshot): SqlLayout {
  const related: SqlLayout["related"] = {};
  for (const [name, table] of snapshot.related) {
    related[name] = { keyedBy: table.definition.keyedBy, ownerKind: table.ownerKind, fields: fieldsOf(table.table) };
  }
  return {
    accounts: fieldsOf(snapshot.accounts),
    persons: fieldsOf(snapshot.persons),
    links: fieldsOf(snapshot.links),
    opportunities: fieldsOf(snapshot.opportunities),
    opportunityRoles: fieldsOf(snapshot.opportunityRoles),
    campaigns: fieldsOf(snapshot.campaigns),
    campaignMembers: fieldsOf(snapshot.campaignMembers),
    personEvents: fieldsOf(snapshot.personEvents),
    accountEvents: fieldsOf(snapshot.accountEvents),
    related,
  };
}
