import type { Problem } from "../errors.js";
import type { DataUsageLabel } from "../labels.js";
import { formatSourceKey, type SourceKey } from "../source-key.js";
import type { FieldDefinitions } from "../values.js";
import { NumberColumn, type Column } from "./column.js";
import { compareEventIds } from "./compare-event-ids.js";
import { createColumnBuilder, inferFieldType, type ColumnBuilder } from "./column-builder.js";
import type { DictionaryBuilder } from "./dictionary.js";
import { EventTable } from "./event-table.js";
import { gather, growFloat64, growInt32 } from "./growable.js";

const RESERVED = new Set(["id", "type", "occurredAt", "sourceKeys"]);
const ADDED: { added: boolean; problems: readonly Problem[] } = Object.freeze({ added: true, problems: Object.freeze([]) as readonly Problem[] });

export interface EventRowInput {
  readonly id: string;
  readonly type: string;
  /** UTC epoch ms. */
  readonly time: number;
  readonly ownerId: string;
  readonly properties?: Readonly<Record<string, string | number | boolean | null>> | undefined;
  readonly sourceKeys?: readonly SourceKey[] | undefined;
  /** The row's 1-based position among all events added, for reports. */
  readonly inputRow: number;
}

/** Appends events of one owner kind; freezing sorts them by (owner, time, id), ids in {@link compareEventIds} order. */
export class EventTableBuilder {
  readonly ids: string[] = [];
  private readonly owners = growInt32();
  private readonly inputRows = growInt32();
  private readonly times = growFloat64();
  private readonly type = createColumnBuilder("type", "string");
  private readonly properties = new Map<string, ColumnBuilder>();
  private readonly propertyList: ColumnBuilder[] = [];
  private sourceKeys: ColumnBuilder | undefined;

  constructor(
    readonly name: string,
    private readonly ownerIds: DictionaryBuilder,
    private readonly declared: FieldDefinitions,
  ) {}

  get rowCount(): number {
    return this.ids.length;
  }

  add(input: EventRowInput): { added: boolean; problems: readonly Problem[] } {
    let problems: Problem[] | undefined;
    let failed = false;
    const row = this.ids.length;
    const properties = input.properties;
    if (properties) {
      for (const field in properties) {
        const value = properties[field]!;
        if (RESERVED.has(field)) {
          (problems ??= []).push({ path: ["properties", field], message: `property ${field} reuses a reserved name and was ignored`, code: "reserved_name" });
          continue;
        }
        let column = this.properties.get(field);
        if (column === undefined) {
          const type = this.declared[field]?.type ?? inferFieldType(value);
          if (type === undefined) continue;
          column = createColumnBuilder(field, type);
          column.padTo(row);
          this.properties.set(field, column);
          this.propertyList.push(column);
        }
        const error = column.push(value);
        if (error) {
          failed = true;
          (problems ??= []).push({ path: ["properties", field], message: error, code: "invalid_type" });
        }
      }
    }
    const columns = this.propertyList;
    if (failed) {
      for (let i = 0; i < columns.length; i++) columns[i]!.truncate(row);
      return { added: false, problems: problems! };
    }
    for (let i = 0; i < columns.length; i++) if (columns[i]!.length === row) columns[i]!.push(undefined);
    if (input.sourceKeys && input.sourceKeys.length > 0 && this.sourceKeys === undefined) {
      this.sourceKeys = createColumnBuilder("sourceKeys", "multi");
    }
    if (this.sourceKeys) {
      this.sourceKeys.padTo(row);
      this.sourceKeys.push(input.sourceKeys?.map(formatSourceKey) ?? []);
    }
    this.ids.push(input.id);
    this.inputRows.push(input.inputRow);
    this.owners.push(this.ownerIds.code(input.ownerId));
    this.times.push(input.time);
    this.type.push(input.type);
    return problems === undefined ? ADDED : { added: true, problems };
  }

  /** The 1-based input position of builder row `row`. */
  inputRowOf(row: number): number {
    return this.inputRows.get(row);
  }

  /** The owner-id code of each row (see the shared dictionary). */
  ownerCodes(): Int32Array {
    return this.owners.view();
  }

  /**
   * Freezes the table. `ownerRow[code]` maps owner-id codes to owner row numbers
   * (-1: unknown owner; such events are left out, and listed in the return value).
   */
  freeze(ownerRow: Int32Array, ownerCount: number, labelsOf: (field: string) => readonly DataUsageLabel[]): { table: EventTable; orphans: number[] } {
    const n = this.ids.length;
    const ownerOfRow = new Int32Array(n);
    const counts = new Int32Array(ownerCount + 1);
    const orphans: number[] = [];
    const codes = this.owners.view();
    for (let r = 0; r < n; r++) {
      const owner = ownerRow[codes[r]!]!;
      ownerOfRow[r] = owner;
      if (owner < 0) orphans.push(r);
      else counts[owner + 1]!++;
    }
    for (let o = 0; o < ownerCount; o++) counts[o + 1]! += counts[o]!;
    const offsets = counts.slice();
    const cursor = counts.slice(0, ownerCount);
    const order = new Int32Array(n - orphans.length);
    for (let r = 0; r < n; r++) {
      const owner = ownerOfRow[r]!;
      if (owner >= 0) order[cursor[owner]!++] = r;
    }
    // within an owner: by time, then id, so the order does not depend on input order
    const times = this.times.view();
    const ids = this.ids;
    for (let o = 0; o < ownerCount; o++) {
      const start = offsets[o]!;
      const end = offsets[o + 1]!;
      if (end - start > 1) {
        order.subarray(start, end).sort((a, b) => times[a]! - times[b]! || compareEventIds(ids[a]!, ids[b]!));
      }
    }
    const columns = new Map<string, Column>();
    columns.set("type", this.type.finish(order, labelsOf("type")));
    columns.set("occurredAt", new NumberColumn("occurredAt", labelsOf("occurredAt"), "instant", gather(times, order)));
    for (const [name, builder] of this.properties) {
      builder.padTo(n);
      columns.set(name, builder.finish(order, labelsOf(name)));
    }
    if (this.sourceKeys) {
      this.sourceKeys.padTo(n);
      columns.set("sourceKeys", this.sourceKeys.finish(order, []));
    }
    const sortedIds = Array.from(order, (r) => ids[r]!);
    const sortedOwners = gather(ownerOfRow, order);
    return { table: new EventTable(this.name, sortedIds, columns, sortedOwners, offsets), orphans };
  }
}
