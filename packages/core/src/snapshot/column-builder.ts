import type { DataUsageLabel } from "../labels.js";
import { dateToEpochMs, instantToEpochMs, type AttributeValue, type FieldType } from "../values.js";
import { BooleanColumn, MultiColumn, NumberColumn, StringColumn, type Column } from "./column.js";
import { Dictionary, DictionaryBuilder } from "./dictionary.js";
import { gather, growFloat64, growInt32, growUint8 } from "./growable.js";

/**
 * Appends values of one declared type. `push` returns an error message when the
 * value does not fit the type (the row then holds "missing" in this column).
 */
export interface ColumnBuilder {
  readonly name: string;
  readonly type: FieldType;
  readonly length: number;
  push(value: AttributeValue | undefined): string | undefined;
  /** Appends missing values until the column has `length` rows. */
  padTo(length: number): void;
  /** Drops rows from `length` on (to undo a rejected row). */
  truncate(length: number): void;
  /** Freezes the column with rows in `order` (a permutation or selection of row numbers). */
  finish(order: Int32Array, labels: readonly DataUsageLabel[]): Column;
}

const describe = (value: unknown) => (Array.isArray(value) ? "a list" : typeof value);

class StringColumnBuilder implements ColumnBuilder {
  readonly type = "string" as const;
  private readonly codes = growInt32();
  private readonly dictionary = new DictionaryBuilder();
  constructor(readonly name: string) {}
  get length() {
    return this.codes.length;
  }
  push(value: AttributeValue | undefined): string | undefined {
    if (value === null || value === undefined) return void this.codes.push(-1);
    if (typeof value === "string") return void this.codes.push(this.dictionary.code(value));
    if (typeof value === "number" || typeof value === "boolean") {
      // a number in a string field is kept as its text, as a CSV would hold it
      return void this.codes.push(this.dictionary.code(String(value)));
    }
    this.codes.push(-1);
    return `expected a string, got ${describe(value)}`;
  }
  padTo(length: number) {
    this.codes.fill(-1, length - this.codes.length);
  }
  truncate(length: number) {
    this.codes.length = Math.min(this.codes.length, length);
  }
  finish(order: Int32Array, labels: readonly DataUsageLabel[]): Column {
    return new StringColumn(this.name, labels, gather(this.codes.view(), order), new Dictionary(this.dictionary.values));
  }
}

class NumberColumnBuilder implements ColumnBuilder {
  private readonly values = growFloat64();
  constructor(
    readonly name: string,
    readonly type: "number" | "instant" | "date",
  ) {}
  get length() {
    return this.values.length;
  }
  push(value: AttributeValue | undefined): string | undefined {
    if (value === null || value === undefined) return void this.values.push(Number.NaN);
    let ms = Number.NaN;
    if (this.type === "number") {
      if (typeof value === "number" && Number.isFinite(value)) ms = value;
      else if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) ms = Number(value);
    } else if (typeof value === "string") {
      ms = this.type === "instant" ? instantToEpochMs(value) : dateToEpochMs(value);
    }
    this.values.push(ms);
    if (Number.isNaN(ms)) {
      const expected = this.type === "number" ? "a number" : this.type === "instant" ? "an ISO-8601 instant" : "a YYYY-MM-DD date";
      return `expected ${expected}, got ${typeof value === "string" ? JSON.stringify(value.slice(0, 40)) : describe(value)}`;
    }
    return undefined;
  }
  padTo(length: number) {
    this.values.fill(Number.NaN, length - this.values.length);
  }
  truncate(length: number) {
    this.values.length = Math.min(this.values.length, length);
  }
  finish(order: Int32Array, labels: readonly DataUsageLabel[]): Column {
    return new NumberColumn(this.name, labels, this.type, gather(this.values.view(), order));
  }
}

class BooleanColumnBuilder implements ColumnBuilder {
  readonly type = "boolean" as const;
  private readonly values = growUint8();
  constructor(readonly name: string) {}
  get length() {
    return this.values.length;
  }
  push(value: AttributeValue | undefined): string | undefined {
    if (value === null || value === undefined) return void this.values.push(BooleanColumn.MISSING);
    if (typeof value === "boolean") return void this.values.push(value ? 1 : 0);
    this.values.push(BooleanColumn.MISSING);
    return `expected a boolean, got ${describe(value)}`;
  }
  padTo(length: number) {
    this.values.fill(BooleanColumn.MISSING, length - this.values.length);
  }
  truncate(length: number) {
    this.values.length = Math.min(this.values.length, length);
  }
  finish(order: Int32Array, labels: readonly DataUsageLabel[]): Column {
    return new BooleanColumn(this.name, labels, gather(this.values.view(), order));
  }
}

export class MultiColumnBuilder implements ColumnBuilder {
  readonly type = "multi" as const;
  private readonly starts = growInt32();
  private readonly counts = growInt32();
  private readonly codes = growInt32();
  private readonly present = growUint8();
  private readonly dictionary = new DictionaryBuilder();
  constructor(readonly name: string) {}
  get length() {
    return this.present.length;
  }
  push(value: AttributeValue | undefined): string | undefined {
    if (Array.isArray(value) && value.length === 1 && typeof value[0] === "string") return this.pushOne(value[0]);
    this.starts.push(this.codes.length);
    if (Array.isArray(value)) {
      // a set: each distinct value once, in first-seen order
      const seen = new Set<string>();
      for (const item of value) {
        if (typeof item !== "string" || seen.has(item)) continue;
        seen.add(item);
        this.codes.push(this.dictionary.code(item));
      }
      this.counts.push(seen.size);
      this.present.push(1);
      return undefined;
    }
    this.counts.push(0);
    this.present.push(0);
    if (value === null || value === undefined) return undefined;
    return `expected a list of strings, got ${describe(value)}`;
  }
  /** Appends a list of one string (`push([value])` without the list). */
  pushOne(value: string): undefined {
    this.starts.push(this.codes.length);
    this.codes.push(this.dictionary.code(value));
    this.counts.push(1);
    this.present.push(1);
    return undefined;
  }
  padTo(length: number) {
    while (this.present.length < length) this.push(undefined);
  }
  truncate(length: number) {
    if (length >= this.present.length) return;
    this.codes.length = this.starts.get(length);
    this.starts.length = length;
    this.counts.length = length;
    this.present.length = length;
  }
  finish(order: Int32Array, labels: readonly DataUsageLabel[]): Column {
    const offsets = new Int32Array(order.length + 1);
    let total = 0;
    for (let i = 0; i < order.length; i++) {
      offsets[i] = total;
      total += this.counts.get(order[i]!);
    }
    offsets[order.length] = total;
    const codes = new Int32Array(total);
    const source = this.codes.view();
    for (let i = 0; i < order.length; i++) {
      const r = order[i]!;
      codes.set(source.subarray(this.starts.get(r), this.starts.get(r) + this.counts.get(r)), offsets[i]!);
    }
    return new MultiColumn(this.name, labels, offsets, codes, new Dictionary(this.dictionary.values), gather(this.present.view(), order));
  }
}

/** A column builder for a declared type. */
export function createColumnBuilder(name: string, type: FieldType): ColumnBuilder {
  switch (type) {
    case "string":
      return new StringColumnBuilder(name);
    case "number":
    case "instant":
    case "date":
      return new NumberColumnBuilder(name, type);
    case "boolean":
      return new BooleanColumnBuilder(name);
    case "multi":
      return new MultiColumnBuilder(name);
  }
}

/** The type of an undeclared attribute, inferred from its first present value. */
export function inferFieldType(value: AttributeValue): FieldType | undefined {
  if (value === null) return undefined;
  if (Array.isArray(value)) return "multi";
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "boolean";
  return "string";
}
