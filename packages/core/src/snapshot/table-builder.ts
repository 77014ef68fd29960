import type { Problem } from "../errors.js";
import type { DataUsageLabel } from "../labels.js";
import { formatSourceKey, type SourceKey } from "../source-key.js";
import type { AttributeValue, FieldDefinitions } from "../values.js";
import type { Column, MultiColumn } from "./column.js";
import { createColumnBuilder, inferFieldType, type ColumnBuilder } from "./column-builder.js";
import { DictionaryBuilder } from "./dictionary.js";
import { growInt32, type Growable } from "./growable.js";
import { Table } from "./table.js";

/** One row for a {@link TableBuilder}. */
export interface TableRowInput {
  readonly id?: string;
  /** Standard fields by name (`undefined` / `null` = missing). */
  readonly fields: Readonly<Record<string, AttributeValue | undefined>>;
  /** Open attributes by name. */
  readonly attributes?: Readonly<Record<string, AttributeValue>> | undefined;
  readonly sourceKeys?: readonly SourceKey[] | undefined;
  /** Foreign keys by reference name: the referenced record's id. */
  readonly refs?: Readonly<Record<string, string | null | undefined>>;
  /** The row's 1-based position in its input, for reports. */
  readonly inputRow?: number;
}

/**
 * Appends rows of one table into growable columns. Standard fields have fixed
 * types; attributes take their declared type, or the type of their first value.
 * A row with any value that does not fit its field is rolled back whole.
 */
export class TableBuilder<Ref extends string = never> {
  readonly ids: string[] = [];
  private readonly idRows = new Map<string, number>();
  private readonly columns = new Map<string, ColumnBuilder>();
  private readonly sourceKeys = createColumnBuilder("sourceKeys", "multi");
  private readonly refCodes = new Map<Ref, Growable<Int32Array>>();
  private readonly inputRows = growInt32();
  rowCount = 0;

  constructor(
    readonly name: string,
    private readonly standard: FieldDefinitions,
    private readonly declared: FieldDefinitions,
    private readonly hasIds: boolean,
    /** For each reference, the dictionary of ids of the referenced table (shared by every table that points there). */
    private readonly refTargets: ReadonlyMap<Ref, DictionaryBuilder>,
  ) {
    for (const ref of refTargets.keys()) this.refCodes.set(ref, growInt32());
    for (const [field, def] of Object.entries(standard)) this.columns.set(field, createColumnBuilder(field, def.type));
    for (const [field, def] of Object.entries(declared)) {
      if (!this.columns.has(field)) this.columns.set(field, createColumnBuilder(field, def.type));
    }
  }

  /** Row number of an id added before, or undefined. */
  rowOf(id: string): number | undefined {
    return this.idRows.get(id);
  }

  /**
   * Appends a row. Returns the problems found: when any is an error the row was
   * not added. Warnings (an attribute that reuses a standard name) leave the row in.
   */
  add(input: TableRowInput): { added: boolean; problems: Problem[] } {
    const problems: Problem[] = [];
    if (this.hasIds) {
      if (input.id === undefined || input.id === "") {
        return { added: false, problems: [{ path: ["id"], message: "id is required", code: "missing_id" }] };
      }
      if (this.idRows.has(input.id)) {
        return { added: false, problems: [{ path: ["id"], message: `duplicate id ${JSON.stringify(input.id)}`, code: "duplicate_id" }] };
      }
    }
    const row = this.rowCount;
    for (const [field, value] of Object.entries(input.fields)) {
      const column = this.columns.get(field);
      if (column === undefined) continue;
      const error = column.push(value);
      if (error) problems.push({ path: [field], message: error, code: "invalid_type" });
    }
    if (input.attributes) {
      for (const [field, value] of Object.entries(input.attributes)) {
        if (Object.hasOwn(this.standard, field) || field === "id" || field === "sourceKeys") {
          problems.push({ path: ["attributes", field], message: `attribute ${field} reuses a standard field name and was ignored`, code: "reserved_name" });
          continue;
        }
        let column = this.columns.get(field);
        if (column === undefined) {
          const type = this.declared[field]?.type ?? inferFieldType(value);
          if (type === undefined) continue; // null before any typed value: nothing to store yet
          column = createColumnBuilder(field, type);
          column.padTo(row);
          this.columns.set(field, column);
        }
        if (column.length > row) {
          problems.push({ path: ["attributes", field], message: "attribute given twice", code: "duplicate_field" });
          continue;
        }
        const error = column.push(value);
        if (error) problems.push({ path: ["attributes", field], message: error, code: "invalid_type" });
      }
    }
    const hardErrors = problems.filter((p) => p.code !== "reserved_name");
    if (hardErrors.length > 0) {
      for (const column of this.columns.values()) column.truncate(row);
      return { added: false, problems };
    }
    for (const column of this.columns.values()) column.padTo(row + 1);
    this.sourceKeys.push(input.sourceKeys?.map(formatSourceKey) ?? []);
    for (const [ref, codes] of this.refCodes) {
      const target = input.refs?.[ref];
      codes.push(target === undefined || target === null || target === "" ? -1 : this.refTargets.get(ref)!.code(target));
    }
    this.inputRows.push(input.inputRow ?? row + 1);
    if (this.hasIds) {
      this.ids.push(input.id!);
      this.idRows.set(input.id!, row);
    }
    this.rowCount++;
    return { added: true, problems };
  }

  /** The referenced-id code of each row for a reference (see the shared dictionaries). */
  refCodesOf(ref: Ref): Int32Array {
    return this.refCodes.get(ref)!.view();
  }

  /** The 1-based input position of builder row `row`. */
  inputRowOf(row: number): number {
    return this.inputRows.get(row);
  }

  /** Row numbers ordered by id (code-unit order), or in insertion order for tables without ids. */
  idOrder(): Int32Array {
    const order = Int32Array.from({ length: this.rowCount }, (_, i) => i);
    if (!this.hasIds) return order;
    const ids = this.ids;
    return order.sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0));
  }

  /**
   * Freezes the rows listed in `order` (a permutation or a selection). `resolvedRefs`
   * gives, per reference, the referenced row number of each input row.
   */
  freeze(order: Int32Array, resolvedRefs: ReadonlyMap<Ref, Int32Array>, labelsOf: (field: string) => readonly DataUsageLabel[]): Table<Ref> {
    const columns = new Map<string, Column>();
    for (const [name, builder] of this.columns) columns.set(name, builder.finish(order, labelsOf(name)));
    const refs = new Map<Ref, Int32Array>();
    for (const [ref, resolved] of resolvedRefs) {
      const out = new Int32Array(order.length);
      for (let i = 0; i < order.length; i++) out[i] = resolved[order[i]!]!;
      refs.set(ref, out);
    }
    const ids = this.hasIds ? Array.from(order, (r) => this.ids[r]!) : undefined;
    const sourceKeys = this.sourceKeys.finish(order, []) as MultiColumn;
    return new Table<Ref>(this.name, order.length, ids, columns, refs, sourceKeys);
  }
}
