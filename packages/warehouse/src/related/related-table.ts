import type { FieldType } from "@abm-kit/core";
import type { SqlRelatedTable } from "@abm-kit/audience-sql";

/** What a related-table writer wrote: the table's name and layout entry, and the rows of both tables. */
export interface WrittenRelatedTable {
  /** The related table's name in the layout (`ownedProducts`, `intent`, …): its SQL tables are `related_<name>` and `related_<name>_owners`. */
  readonly name: string;
  /** Its entry in the layout's `related`. */
  readonly related: SqlRelatedTable;
  readonly rows: number;
  readonly ownerRows: number;
}

/** The fields of a related table as the Snapshot has them: `key`, then the definition's fields. */
export function relatedFields(fields: Readonly<Record<string, { readonly type: FieldType }>>): Record<string, FieldType> {
  return { key: "string", ...Object.fromEntries(Object.entries(fields).map(([name, f]) => [name, f.type])) };
}
