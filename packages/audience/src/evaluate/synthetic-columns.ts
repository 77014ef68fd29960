import { Dictionary, StringColumn, type Column, type Table } from "@abm-kit/core";

const idColumns = new WeakMap<Table<string>, StringColumn>();

/**
 * The column named `field` of `table`; `id` (when the table has no such column
 * but has ids) is served as a string column of the row ids.
 */
export function columnOf(table: Table<string>, field: string): Column | undefined {
  const column = table.column(field);
  if (column !== undefined || field !== "id" || table.ids === undefined) return column;
  let ids = idColumns.get(table);
  if (ids === undefined) {
    const codes = new Int32Array(table.size);
    for (let row = 0; row < codes.length; row++) codes[row] = row;
    ids = new StringColumn("id", [], codes, new Dictionary(table.ids));
    idColumns.set(table, ids);
  }
  return ids;
}
