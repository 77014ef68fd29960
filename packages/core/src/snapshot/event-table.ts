import type { Column, NumberColumn, StringColumn } from "./column.js";
import { lowerBound, upperBound } from "./sorted-search.js";
import type { StringIndexOptions } from "./string-index.js";
import { Table } from "./table.js";

/** A half-open range of event rows `[start, end)`. */
export interface RowRange {
  readonly start: number;
  readonly end: number;
}

/**
 * Events of one owner kind (persons or accounts), sorted by (owner, time, id; ids in `compareEventIds` order), so
 * an owner's events are a contiguous range and a time window is a binary search.
 */
export class EventTable extends Table<"owner"> {
  /** `time[row]`: when the event happened, UTC epoch ms. */
  readonly time: Float64Array;
  /** `owner[row]`: the row number of the owning person or account. */
  readonly owner: Int32Array;
  /** The event type, dictionary-encoded. */
  readonly type: StringColumn;

  constructor(
    name: string,
    ids: readonly string[],
    columns: ReadonlyMap<string, Column>,
    owner: Int32Array,
    /** Owner `o`'s events are rows `ownerOffsets[o] … ownerOffsets[o+1]-1`. */
    readonly ownerOffsets: Int32Array,
  ) {
    super(name, ids.length, ids, columns, new Map([["owner", owner]]), undefined);
    this.owner = owner;
    this.time = (columns.get("occurredAt") as NumberColumn).values;
    this.type = columns.get("type") as StringColumn;
  }

  /** Event ids stay out of the index's slots: events are many, and a plain slot takes a quarter of the memory. */
  protected override idIndexOptions(): StringIndexOptions {
    return {};
  }

  /** All events of an owner. */
  rangeOf(owner: number): RowRange {
    return { start: this.ownerOffsets[owner]!, end: this.ownerOffsets[owner + 1]! };
  }

  /**
   * The owner's events with `from <= time <= to` (both inclusive; either bound may
   * be omitted).
   */
  window(owner: number, from = Number.NEGATIVE_INFINITY, to = Number.POSITIVE_INFINITY): RowRange {
    const lo = this.ownerOffsets[owner]!;
    const hi = this.ownerOffsets[owner + 1]!;
    return { start: lowerBound(this.time, lo, hi, from), end: upperBound(this.time, lo, hi, to) };
  }
}
