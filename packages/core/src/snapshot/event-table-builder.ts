import type { Problem } from "../errors.js";
import type { DataUsageLabel } from "../labels.js";
import { formatSourceKey, type SourceKey } from "../source-key.js";
import type { AttributeValue, FieldDefinitions } from "../values.js";
import { NumberColumn, type Column } from "./column.js";
import { compareEventIds } from "./compare-event-ids.js";
import { createColumnBuilder, inferFieldType, MultiColumnBuilder, type ColumnBuilder } from "./column-builder.js";
import type { DictionaryBuilder } from "./dictionary.js";
import type { EventProperties } from "./event-columns.js";
import { EventTable } from "./event-table.js";
import { gather, growFloat64, growInt32 } from "./growable.js";

const RESERVED = new Set(["id", "type", "occurredAt", "sourceKeys"]);
/** The outcome of a row added without a problem (one shared object). */
export const ADDED: { added: boolean; problems: readonly Problem[] } = Object.freeze({ added: true, problems: Object.freeze([]) as readonly Problem[] });

interface PropertyPlan {
  readonly columns: ColumnBuilder[];
  readonly values: AttributeValue[];
  /** How many property columns there were when the plan was made. */
  readonly columnCount: number;
}

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
  private sourceKeys: MultiColumnBuilder | undefined;
  /** Per property-set code: the columns its values went into, when it went in without a problem. */
  private readonly plans: (PropertyPlan | undefined)[] = [];
  /** Set by `pushProperties`: the row was rejected. */
  private rejected = false;

  constructor(
    readonly name: string,
    private readonly ownerIds: DictionaryBuilder,
    private readonly declared: FieldDefinitions,
  ) {}

  get rowCount(): number {
    return this.ids.length;
  }

  add(input: EventRowInput): { added: boolean; problems: readonly Problem[] } {
    return this.addParts(
      input.id,
      input.type,
      input.time,
      this.ownerIds.code(input.ownerId),
      input.properties,
      -1,
      undefined,
      input.sourceKeys,
      input.inputRow,
    );
  }

  /**
   * {@link add} with the row given in parts: the owner as a code of the shared
   * owner dictionary; the properties as a set many rows share (`setCode` ≥ 0
   * names the set, so that the columns of its values are found once, not per
   * row); a row's one source key as its formatted text (`keyText`), or its keys
   * as a list (`keys`).
   */
  addParts(
    id: string,
    type: string,
    time: number,
    ownerCode: number,
    properties: EventProperties | undefined,
    setCode: number,
    keyText: string | undefined,
    keys: readonly SourceKey[] | undefined,
    inputRow: number,
  ): { added: boolean; problems: readonly Problem[] } {
    const row = this.ids.length;
    this.rejected = false;
    const problems = properties === undefined ? undefined : this.pushProperties(row, properties, setCode);
    const columns = this.propertyList;
    if (this.rejected) {
      for (let i = 0; i < columns.length; i++) columns[i]!.truncate(row);
      return { added: false, problems: problems! };
    }
    for (let i = 0; i < columns.length; i++) if (columns[i]!.length === row) columns[i]!.push(undefined);
    if (keyText !== undefined) {
      this.sourceKeys ??= new MultiColumnBuilder("sourceKeys");
      this.sourceKeys.padTo(row);
      this.sourceKeys.pushOne(keyText);
    } else {
      if (keys && keys.length > 0 && this.sourceKeys === undefined) this.sourceKeys = new MultiColumnBuilder("sourceKeys");
      if (this.sourceKeys) {
        this.sourceKeys.padTo(row);
        this.sourceKeys.push(keys?.map(formatSourceKey) ?? []);
      }
    }
    this.ids.push(id);
    this.inputRows.push(inputRow);
    this.owners.push(ownerCode);
    this.times.push(time);
    this.type.push(type);
    return problems === undefined ? ADDED : { added: true, problems };
  }

  /** Pushes a row's properties and returns their problems; sets `rejected` when a value does not fit its column. */
  private pushProperties(row: number, properties: EventProperties, setCode: number): Problem[] | undefined {
    const plan = setCode >= 0 ? this.plans[setCode] : undefined;
    if (plan !== undefined && plan.columnCount === this.propertyList.length) {
      // this set went in without a problem before, and no column was made since: the same columns take the same values
      for (let i = 0; i < plan.columns.length; i++) plan.columns[i]!.push(plan.values[i]);
      return undefined;
    }
    let problems: Problem[] | undefined;
    const planned: ColumnBuilder[] = [];
    const values: AttributeValue[] = [];
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
        this.rejected = true;
        (problems ??= []).push({ path: ["properties", field], message: error, code: "invalid_type" });
      }
      planned.push(column);
      values.push(value);
    }
    if (setCode >= 0 && problems === undefined) this.plans[setCode] = { columns: planned, values, columnCount: this.propertyList.length };
    return problems;
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
