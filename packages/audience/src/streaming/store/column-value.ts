import type { Column, FieldType, Table } from "@abm-kit/core";
import type { TypedValue } from "../typed-value.js";

/** The typed value of one row of a Snapshot column (undefined when missing). */
export function columnValue(column: Column, row: number): TypedValue {
  switch (column.type) {
    case "string": {
      const code = column.codes[row]!;
      return code < 0 ? undefined : column.dictionary.values[code];
    }
    case "number":
    case "instant":
    case "date": {
      const v = column.values[row]!;
      return v === v ? v : undefined;
    }
    case "boolean": {
      const v = column.values[row]!;
      return v === 2 ? undefined : v === 1;
    }
    case "multi": {
      if (column.present[row] === 0) return undefined;
      const values = column.dictionary.values;
      return Array.from(column.codesOf(row), (code) => values[code]!);
    }
  }
}

/** The field types of a Snapshot table, by column name. */
export function columnTypes(table: Table<string>): Map<string, FieldType> {
  const types = new Map<string, FieldType>();
  for (const info of table.fields()) types.set(info.name, info.type);
  return types;
}

/** A source of typed row values: the rows a compiled condition reads. */
export interface RowSource {
  /** How the rows are named in messages. */
  readonly label: string;
  /** The type of a field, or undefined when no row has it (it then reads as missing). */
  fieldType(field: string): FieldType | undefined;
  /** The typed value of a field of a row. */
  value(row: number, field: string): TypedValue;
}

/** Rows of a Snapshot table that never change (opportunity roles, campaigns, campaign members). */
export class SnapshotRows implements RowSource {
  private readonly types: Map<string, FieldType>;
  constructor(
    readonly label: string,
    readonly table: Table<string>,
  ) {
    this.types = columnTypes(table);
    if (table.ids !== undefined && !this.types.has("id")) this.types.set("id", "string");
  }
  fieldType(field: string): FieldType | undefined {
    return this.types.get(field);
  }
  value(row: number, field: string): TypedValue {
    const column = this.table.column(field);
    if (column !== undefined) return columnValue(column, row);
    return field === "id" && this.table.ids !== undefined ? this.table.id(row) : undefined;
  }
}
