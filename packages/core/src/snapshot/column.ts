import type { DataUsageLabel } from "../labels.js";
import { epochMsToDate, epochMsToInstant, type AttributeValue, type FieldType } from "../values.js";
import { Dictionary } from "./dictionary.js";

/** What every column offers, whatever its type. */
export interface ColumnCommon {
  readonly name: string;
  readonly labels: readonly DataUsageLabel[];
  readonly length: number;
  isMissing(row: number): boolean;
  /** The value in its JSON form (instants and dates as ISO strings), `null` when missing. */
  value(row: number): AttributeValue;
}

/** Strings, dictionary-encoded: `codes[row]` indexes `dictionary`; -1 is missing. */
export class StringColumn implements ColumnCommon {
  readonly type = "string" as const;
  constructor(
    readonly name: string,
    readonly labels: readonly DataUsageLabel[],
    readonly codes: Int32Array,
    readonly dictionary: Dictionary,
  ) {}
  get length(): number {
    return this.codes.length;
  }
  isMissing(row: number): boolean {
    return this.codes[row]! < 0;
  }
  value(row: number): string | null {
    const code = this.codes[row]!;
    return code < 0 ? null : this.dictionary.values[code]!;
  }
}

/** Numbers, instants (UTC epoch ms) and dates (epoch ms at 00:00 UTC); NaN is missing. */
export class NumberColumn implements ColumnCommon {
  constructor(
    readonly name: string,
    readonly labels: readonly DataUsageLabel[],
    readonly type: "number" | "instant" | "date",
    readonly values: Float64Array,
  ) {}
  get length(): number {
    return this.values.length;
  }
  isMissing(row: number): boolean {
    return Number.isNaN(this.values[row]!);
  }
  value(row: number): number | string | null {
    const v = this.values[row]!;
    if (Number.isNaN(v)) return null;
    if (this.type === "instant") return epochMsToInstant(v);
    if (this.type === "date") return epochMsToDate(v);
    return v;
  }
}

/** Booleans: 0 false, 1 true, 2 missing. */
export class BooleanColumn implements ColumnCommon {
  readonly type = "boolean" as const;
  static readonly MISSING = 2;
  constructor(
    readonly name: string,
    readonly labels: readonly DataUsageLabel[],
    readonly values: Uint8Array,
  ) {}
  get length(): number {
    return this.values.length;
  }
  isMissing(row: number): boolean {
    return this.values[row] === BooleanColumn.MISSING;
  }
  value(row: number): boolean | null {
    const v = this.values[row];
    return v === BooleanColumn.MISSING ? null : v === 1;
  }
}

/** Sets of strings (multi-select picklists, tags): row `r` holds `codes[offsets[r] .. offsets[r+1])`. */
export class MultiColumn implements ColumnCommon {
  readonly type = "multi" as const;
  constructor(
    readonly name: string,
    readonly labels: readonly DataUsageLabel[],
    readonly offsets: Int32Array,
    readonly codes: Int32Array,
    readonly dictionary: Dictionary,
    /** 1 where the row has a value (possibly an empty set), 0 where it is missing. */
    readonly present: Uint8Array,
  ) {}
  get length(): number {
    return this.present.length;
  }
  isMissing(row: number): boolean {
    return this.present[row] === 0;
  }
  /** The codes of row `r` (a view). */
  codesOf(row: number): Int32Array {
    return this.codes.subarray(this.offsets[row]!, this.offsets[row + 1]!);
  }
  value(row: number): string[] | null {
    if (this.present[row] === 0) return null;
    return Array.from(this.codesOf(row), (c) => this.dictionary.values[c]!);
  }
}

/** A column of a Snapshot table. */
export type Column = StringColumn | NumberColumn | BooleanColumn | MultiColumn;

/** The field type a column holds. */
export function columnType(column: Column): FieldType {
  return column.type;
}
