import type { DataUsageLabel } from "../labels.js";
import { formatSourceKey, type SourceKey } from "../source-key.js";
import type { AttributeValue, FieldType } from "../values.js";
import type { Column, MultiColumn } from "./column.js";
import { StringIndex, type StringIndexOptions } from "./string-index.js";

/** A field of a table: its name, type and data-usage labels. */
export interface FieldInfo {
  readonly name: string;
  readonly type: FieldType;
  readonly labels: readonly DataUsageLabel[];
}

/**
 * A frozen, columnar table of a Snapshot. Rows are numbered 0 … size-1; tables
 * of entities with ids are ordered by id, so row numbers do not depend on the
 * order records were added. `refs` hold foreign keys as row numbers of other
 * tables (-1 where there is none).
 */
export class Table<Ref extends string = never> {
  private idIndex: StringIndex | undefined;
  private sourceKeyIndex: Map<string, number> | undefined;

  constructor(
    readonly name: string,
    readonly size: number,
    readonly ids: readonly string[] | undefined,
    readonly columns: ReadonlyMap<string, Column>,
    private readonly refArrays: ReadonlyMap<Ref, Int32Array>,
    private readonly sourceKeyColumn: MultiColumn | undefined,
  ) {}

  /** The column named `name`, or undefined. */
  column(name: string): Column | undefined {
    return this.columns.get(name);
  }

  /** The fields of this table (every column but the foreign keys). */
  fields(): FieldInfo[] {
    return [...this.columns.values()].map((c) => ({ name: c.name, type: c.type, labels: c.labels }));
  }

  /** The foreign key array named `name`: `ref(name)[row]` is a row number in the other table, or -1. */
  ref(name: Ref): Int32Array {
    const refs = this.refArrays.get(name);
    if (refs === undefined) throw new RangeError(`table ${this.name} has no reference ${name}`);
    return refs;
  }

  /** The id of row `row`. */
  id(row: number): string {
    if (this.ids === undefined) return String(row);
    return this.ids[row]!;
  }

  /** The row number of the record with this id, or -1 (the index is built on first use and kept). */
  indexOf(id: string): number {
    if (this.ids === undefined) return -1;
    this.idIndex ??= StringIndex.over(this.ids, this.idIndexOptions());
    return this.idIndex.find(id);
  }

  /** How the id index is built: record ids kept inline, since records are looked up by id at random (one cache line per lookup). */
  protected idIndexOptions(): StringIndexOptions {
    return { inlineKeys: true };
  }

  /** The value of a field in its JSON form; `null` when missing, `undefined` when the table has no such field. */
  value(row: number, field: string): AttributeValue | undefined {
    const column = this.columns.get(field);
    return column === undefined ? undefined : column.value(row);
  }

  /** Row `row` as an object of its present values (plus `id`). */
  row(row: number): Record<string, AttributeValue> {
    const out: Record<string, AttributeValue> = {};
    if (this.ids !== undefined) out.id = this.ids[row]!;
    for (const [name, column] of this.columns) {
      const v = column.value(row);
      if (v !== null) out[name] = v;
    }
    return out;
  }

  /** The source keys of row `row`, each as `system/instance/object/id`. */
  sourceKeysOf(row: number): string[] {
    return this.sourceKeyColumn?.value(row) ?? [];
  }

  /** The row holding this source key, or -1. */
  indexOfSourceKey(key: SourceKey | string): number {
    if (this.sourceKeyColumn === undefined) return -1;
    if (this.sourceKeyIndex === undefined) {
      const index = new Map<string, number>();
      const column = this.sourceKeyColumn;
      for (let row = 0; row < column.length; row++) {
        for (const code of column.codesOf(row)) {
          const text = column.dictionary.values[code]!;
          if (!index.has(text)) index.set(text, row);
        }
      }
      this.sourceKeyIndex = index;
    }
    return this.sourceKeyIndex.get(typeof key === "string" ? key : formatSourceKey(key)) ?? -1;
  }
}
