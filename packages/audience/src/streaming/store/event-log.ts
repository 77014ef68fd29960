import type { EventTable, FieldType } from "@abm-kit/core";
import type { TypedValue } from "../typed-value.js";
import { columnTypes, columnValue, type RowSource } from "./column-value.js";

/** An event added after the seed. */
export interface AddedEvent {
  readonly id: string;
  readonly type: string;
  /** UTC epoch ms. */
  readonly time: number;
  readonly properties: ReadonlyMap<string, TypedValue>;
}

/**
 * One owner's events in time order (ties by id, as in a Snapshot): parallel
 * lists of times, types and references (`ref >= 0`: a Snapshot event row;
 * `ref < 0`: added event `-ref - 1`).
 */
export interface OwnerEvents {
  readonly times: number[];
  readonly types: string[];
  readonly refs: number[];
}

const EMPTY: OwnerEvents = Object.freeze({ times: [], types: [], refs: [] }) as unknown as OwnerEvents;

/** First index with `times[i] >= value`. */
export function lowerBound(times: readonly number[], value: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index with `times[i] > value`. */
export function upperBound(times: readonly number[], value: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The events of one owner kind (persons or accounts): the Snapshot's event
 * table plus added events, kept per owner in time order so a late or
 * out-of-order event lands in its place. An owner's list is copied from the
 * Snapshot the first time it is read.
 */
export class EventLog implements RowSource {
  private readonly types: Map<string, FieldType>;
  private readonly byOwner = new Map<number, OwnerEvents>();
  private readonly added: AddedEvent[] = [];

  constructor(
    readonly label: string,
    private readonly seed: EventTable,
  ) {
    this.types = columnTypes(seed);
    this.types.set("id", "string");
    this.types.delete("sourceKeys");
  }

  fieldType(field: string): FieldType | undefined {
    return this.types.get(field);
  }

  /** Declares the type of a property first seen in a change. */
  declareField(field: string, type: FieldType): void {
    if (!this.types.has(field)) this.types.set(field, type);
  }

  /** The id of an event reference. */
  idOf(ref: number): string {
    return ref >= 0 ? this.seed.id(ref) : this.added[-ref - 1]!.id;
  }

  value(ref: number, field: string): TypedValue {
    if (ref < 0) {
      const event = this.added[-ref - 1]!;
      if (field === "type") return event.type;
      if (field === "occurredAt") return event.time;
      if (field === "id") return event.id;
      return event.properties.get(field);
    }
    if (field === "id") return this.seed.id(ref);
    if (field === "sourceKeys") return undefined;
    const column = this.seed.column(field);
    return column === undefined ? undefined : columnValue(column, ref);
  }

  /** An owner's events in time order. */
  of(owner: number): OwnerEvents {
    const known = this.byOwner.get(owner);
    if (known !== undefined) return known;
    if (owner >= this.seed.ownerOffsets.length - 1) return EMPTY;
    const start = this.seed.ownerOffsets[owner]!;
    const end = this.seed.ownerOffsets[owner + 1]!;
    if (start === end) return EMPTY;
    const times: number[] = new Array(end - start);
    const types: string[] = new Array(end - start);
    const refs: number[] = new Array(end - start);
    const codes = this.seed.type.codes;
    const names = this.seed.type.dictionary.values;
    for (let r = start; r < end; r++) {
      times[r - start] = this.seed.time[r]!;
      const code = codes[r]!;
      types[r - start] = code < 0 ? "" : names[code]!;
      refs[r - start] = r;
    }
    const events = { times, types, refs };
    this.byOwner.set(owner, events);
    return events;
  }

  /** Places an added event in its owner's list (after events at the same time with a smaller id). */
  insert(owner: number, event: AddedEvent): void {
    let events = this.of(owner);
    if (events === EMPTY) {
      events = { times: [], types: [], refs: [] };
      this.byOwner.set(owner, events);
    }
    this.added.push(event);
    const ref = -this.added.length;
    let i = upperBound(events.times, event.time);
    while (i > 0 && events.times[i - 1] === event.time && this.idOf(events.refs[i - 1]!) > event.id) i--;
    if (i === events.times.length) {
      events.times.push(event.time);
      events.types.push(event.type);
      events.refs.push(ref);
    } else {
      events.times.splice(i, 0, event.time);
      events.types.splice(i, 0, event.type);
      events.refs.splice(i, 0, ref);
    }
  }
}
