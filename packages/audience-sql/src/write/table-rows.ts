import { epochMsToDate, type Adjacency, type Column, type Snapshot, type Table } from "@abm-kit/core";
import type { SqlEntityTable } from "../layout/layout.js";
import { snapshotLayout } from "../layout/snapshot-layout.js";
import { layoutTables, type SqlTable } from "../layout/table-columns.js";
import { timestampText } from "../compile/time-sql.js";

/** A cell value as written: text (ids, strings, timestamps as `YYYY-MM-DD HH:MM:SS.mmm`, dates as `YYYY-MM-DD`), number, boolean, text array, or null. */
export type CellValue = string | number | boolean | string[] | null;

/** One SQL table of a Snapshot with a way to read its rows. */
export interface TableData {
  readonly table: SqlTable;
  readonly rowCount: number;
  /** The cells of row `row`, in column order. */
  row(row: number): CellValue[];
}

function cell(column: Column | undefined, row: number): CellValue {
  if (column === undefined || column.isMissing(row)) return null;
  switch (column.type) {
    case "string":
    case "boolean":
    case "multi":
      return column.value(row);
    case "number":
      return column.values[row]!;
    case "instant":
      return timestampText(column.values[row]!);
    case "date":
      return epochMsToDate(column.values[row]!);
  }
}

const ENTITY: Record<SqlEntityTable, (s: Snapshot) => Table<string>> = {
  accounts: (s) => s.accounts,
  persons: (s) => s.persons,
  links: (s) => s.links,
  opportunities: (s) => s.opportunities,
  opportunityRoles: (s) => s.opportunityRoles,
  campaigns: (s) => s.campaigns,
  campaignMembers: (s) => s.campaignMembers,
  personEvents: (s) => s.personEvents,
  accountEvents: (s) => s.accountEvents,
};

/** Reference column → (the table's ref name, the referenced table). */
function referenceReader(snapshot: Snapshot, source: SqlEntityTable, column: string): ((row: number) => CellValue) | undefined {
  const idOf = (refs: Int32Array, target: Table<string>) => (row: number) => (refs[row]! >= 0 ? target.id(refs[row]!) : null);
  switch (`${source}.${column}`) {
    case "links._account_id":
      return idOf(snapshot.links.ref("account"), snapshot.accounts);
    case "links._person_id":
      return idOf(snapshot.links.ref("person"), snapshot.persons);
    case "opportunities._account_id":
      return idOf(snapshot.opportunities.ref("account"), snapshot.accounts);
    case "opportunityRoles._opportunity_id":
      return idOf(snapshot.opportunityRoles.ref("opportunity"), snapshot.opportunities);
    case "opportunityRoles._person_id":
      return idOf(snapshot.opportunityRoles.ref("person"), snapshot.persons);
    case "campaignMembers._campaign_id":
      return idOf(snapshot.campaignMembers.ref("campaign"), snapshot.campaigns);
    case "campaignMembers._person_id":
      return idOf(snapshot.campaignMembers.ref("person"), snapshot.persons);
    case "personEvents._owner_id":
      return idOf(snapshot.personEvents.owner, snapshot.persons);
    case "accountEvents._owner_id":
      return idOf(snapshot.accountEvents.owner, snapshot.accounts);
    default:
      return undefined;
  }
}

/** The (related row, owner id) pairs of an owner adjacency, in owner order. */
function ownerPairs(adjacency: Adjacency, owners: Table<string>): [number, string][] {
  const pairs: [number, string][] = [];
  for (let o = 0; o < adjacency.sourceCount; o++) for (const r of adjacency.of(o)) pairs.push([r, owners.id(o)]);
  return pairs;
}

/** Every SQL table of a Snapshot (see the layout), with readers of its rows. */
export function snapshotTables(snapshot: Snapshot): TableData[] {
  return layoutTables(snapshotLayout(snapshot)).map((table) => {
    if (table.source.startsWith("owners:")) {
      const related = snapshot.related.get(table.source.slice("owners:".length))!;
      const pairs = ownerPairs(related.byOwner, related.ownerKind === "account" ? snapshot.accounts : snapshot.persons);
      return { table, rowCount: pairs.length, row: (row) => [...pairs[row]!] };
    }
    const source = table.source.startsWith("related:") ? undefined : (table.source as SqlEntityTable);
    const data = source ? ENTITY[source](snapshot) : snapshot.related.get(table.source.slice("related:".length))!.table;
    const readers = table.columns.map((c): ((row: number) => CellValue) => {
      if (c.field !== undefined) {
        const column = data.column(c.field);
        return (row) => cell(column, row);
      }
      if (c.name === "id") return (row) => data.id(row);
      if (c.name === "_row") return (row) => row;
      const reference = source ? referenceReader(snapshot, source, c.name) : undefined;
      return reference ?? (() => null);
    });
    return { table, rowCount: data.size, row: (row) => readers.map((read) => read(row)) };
  });
}
