import type { FieldType, Table } from "@abm-kit/core";
import type { TypedValue } from "../typed-value.js";
import { columnTypes, columnValue, type RowSource } from "./column-value.js";

/** Typed field values of one record, by field name (a field not listed is missing). */
export type TypedRecord = ReadonlyMap<string, TypedValue>;

/**
 * An entity table (accounts, persons, opportunities) seeded from a Snapshot
 * table and changed by upserts. Seed rows keep their Snapshot row numbers and
 * are read from its columns until replaced; new records get the next rows.
 */
export class LiveTable implements RowSource {
  private readonly types: Map<string, FieldType>;
  private readonly replaced = new Map<number, TypedRecord>();
  private readonly addedIds: string[] = [];
  private readonly addedRows = new Map<string, number>();

  constructor(
    readonly label: string,
    readonly seed: Table<string>,
  ) {
    this.types = columnTypes(seed);
    if (!this.types.has("id")) this.types.set("id", "string");
  }

  /** How many rows there are (seed and new). */
  get size(): number {
    return this.seed.size + this.addedIds.length;
  }

  /** The row of an id, or -1. */
  indexOf(id: string): number {
    const row = this.seed.indexOf(id);
    return row >= 0 ? row : (this.addedRows.get(id) ?? -1);
  }

  /** The id of a row. */
  id(row: number): string {
    return row < this.seed.size ? this.seed.id(row) : this.addedIds[row - this.seed.size]!;
  }

  fieldType(field: string): FieldType | undefined {
    return this.types.get(field);
  }

  /** Declares the type of a field first seen in a change (as a Snapshot infers it from its first value). */
  declareField(field: string, type: FieldType): void {
    if (!this.types.has(field)) this.types.set(field, type);
  }

  value(row: number, field: string): TypedValue {
    const record = this.replaced.get(row);
    if (record !== undefined) return field === "id" ? this.id(row) : record.get(field);
    if (row >= this.seed.size) return undefined;
    const column = this.seed.column(field);
    if (column !== undefined) return columnValue(column, row);
    return field === "id" ? this.seed.id(row) : undefined;
  }

  /** Replaces (or adds) the record with `id`. Returns its row and whether it is new. */
  upsert(id: string, record: TypedRecord): { row: number; added: boolean } {
    let row = this.indexOf(id);
    const added = row < 0;
    if (added) {
      row = this.size;
      this.addedIds.push(id);
      this.addedRows.set(id, row);
    }
    this.replaced.set(row, record);
    return { row, added };
  }
}
