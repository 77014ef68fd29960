import { compareEventIds, type EventTable, type FieldType } from "@abm-kit/core";
import type { TypedValue } from "../typed-value.js";
import { columnTypes, columnValue, type RowSource } from "./column-value.js";
import { EventRange, type OwnedEvents } from "./event-range.js";

/** An owner's own event lists: its added events alone, or (`merged`) all its events. */
interface OwnerEvents extends OwnedEvents {
  readonly merged: boolean;
}

/** Told of every event added, after it is placed (a keeper of per-owner counts updates or drops that owner's). */
export interface EventLogWatcher {
  /** Event `ref` (type code `code`, at `time`) was added to `owner`. */
  ownerChanged(owner: number, ref: number, time: number, code: number): void;
}

/**
 * An event's properties as one flat list of name–value pairs
 * (`[name, value, name, value, …]`): an event has few, and a short list
 * costs far less to keep than a `Map` per event.
 */
export type PropertyPairs = readonly (string | TypedValue)[];

/** An event added after the seed. */
export interface AddedEvent {
  readonly id: string;
  readonly type: string;
  /** UTC epoch ms. */
  readonly time: number;
  readonly properties: PropertyPairs;
}

/** The value of property `field` in a pair list (undefined when absent). */
export function propertyValue(pairs: PropertyPairs, field: string): TypedValue {
  for (let i = 0; i < pairs.length; i += 2) if (pairs[i] === field) return pairs[i + 1] as TypedValue;
  return undefined;
}

/** First index in `[lo, hi)` with `times[i] >= value`. */
export function lowerBound(times: ArrayLike<number>, lo: number, hi: number, value: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index in `[lo, hi)` with `times[i] > value`. */
export function upperBound(times: ArrayLike<number>, lo: number, hi: number, value: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The events of one owner kind (persons or accounts): the Snapshot's event
 * table plus added events, kept per owner in time order (ties by id, as in a
 * Snapshot) so a late or out-of-order event lands in its place. An owner's
 * Snapshot events are read straight from its columns; events added to it go
 * to a short list of their own, beside that range. A reader that counts
 * reads the two parts one after the other ({@link readBase} and
 * {@link readAdded}); a reader that needs one merged order ({@link read})
 * merges them into lists of the owner's own, once, and later events go
 * straight into those. Event types are codes into one dictionary (the
 * Snapshot's, extended by new types).
 */
export class EventLog implements RowSource {
  private readonly types: Map<string, FieldType>;
  /**
   * Per owner row (one slot, so placing or reading an owner's events touches
   * one place): nothing while it has only its Snapshot events; then the
   * events added to it, apart from its Snapshot range — the number of the
   * added event while there is one (most owners; nothing is allocated for
   * it), lists when there are more; and all its events in one order
   * (`merged`) once a reader needed them merged.
   */
  private readonly byOwner: (OwnerEvents | number | undefined)[];
  private readonly watchers: EventLogWatcher[] = [];
  /** Added events, column by column, numbered in the order they were added. */
  private readonly addedIds: string[] = [];
  private readonly addedTimes: number[] = [];
  private readonly addedTypes: number[] = [];
  private readonly addedProperties: PropertyPairs[] = [];
  private readonly typeNames: string[];
  private readonly typeCodes = new Map<string, number>();
  /** Bumped whenever a field is first declared: a test of an unknown field may now read differently. */
  fieldEpoch = 0;

  constructor(
    readonly label: string,
    private readonly seed: EventTable,
  ) {
    this.types = columnTypes(seed);
    this.types.set("id", "string");
    this.types.delete("sourceKeys");
    this.typeNames = [...seed.type.dictionary.values];
    this.typeNames.forEach((name, code) => this.typeCodes.set(name, code));
    this.byOwner = new Array<OwnerEvents | number | undefined>(Math.max(0, seed.ownerOffsets.length - 1)).fill(undefined);
  }

  /** Registers `watcher` to be told of every event added. */
  watch(watcher: EventLogWatcher): void {
    this.watchers.push(watcher);
  }

  fieldType(field: string): FieldType | undefined {
    return this.types.get(field);
  }

  /** {@link fieldType} as a function value (made once, so passing it allocates nothing). */
  readonly fieldTypeOf = (field: string): FieldType | undefined => this.types.get(field);

  /** Declares the type of a property first seen in a change. */
  declareField(field: string, type: FieldType): void {
    if (this.types.has(field)) return;
    this.types.set(field, type);
    this.fieldEpoch++;
  }

  /** The name of an event type code ("" for a missing type). */
  typeName(code: number): string {
    return code < 0 ? "" : this.typeNames[code]!;
  }

  /** The code of an event type, or -1 when no event has it yet. */
  typeCodeOf(name: string): number {
    return this.typeCodes.get(name) ?? -1;
  }

  /** The id of an event reference (`ref >= 0`: a Snapshot event row; `ref < 0`: added event `-ref - 1`). */
  idOf(ref: number): string {
    return ref >= 0 ? this.seed.id(ref) : this.addedIds[-ref - 1]!;
  }

  value(ref: number, field: string): TypedValue {
    if (ref < 0) {
      const added = -ref - 1;
      if (field === "type") return this.typeNames[this.addedTypes[added]!];
      if (field === "occurredAt") return this.addedTimes[added];
      if (field === "id") return this.addedIds[added];
      return propertyValue(this.addedProperties[added]!, field);
    }
    if (field === "id") return this.seed.id(ref);
    if (field === "sourceKeys") return undefined;
    const column = this.seed.column(field);
    return column === undefined ? undefined : columnValue(column, ref);
  }

  /**
   * Points `range` at an owner's events in time order (no copy, no
   * allocation once merged); `range` is overwritten by the next call with it.
   */
  read(owner: number, range: EventRange): EventRange {
    const events = owner < this.byOwner.length ? this.byOwner[owner] : undefined;
    if (events === undefined) return this.readSeed(owner, range);
    return range.ofOwned(typeof events === "object" && events.merged ? events : this.merge(owner));
  }

  /**
   * Points `range` at the first part of an owner's events: all of them once
   * merged, else its Snapshot range. {@link readAdded} gives the rest; each
   * part is in time order.
   */
  readBase(owner: number, range: EventRange): EventRange {
    const events = owner < this.byOwner.length ? this.byOwner[owner] : undefined;
    return typeof events === "object" && events.merged ? range.ofOwned(events) : this.readSeed(owner, range);
  }

  /** Points `range` at the events added to an owner and not merged yet (see {@link readBase}). */
  readAdded(owner: number, range: EventRange): EventRange {
    const events = owner < this.byOwner.length ? this.byOwner[owner] : undefined;
    if (events === undefined) return range.empty();
    if (typeof events === "number") return range.ofAdded(this.addedTimes, this.addedTypes, events, events + 1);
    return events.merged ? range.empty() : range.ofOwned(events);
  }

  private readSeed(owner: number, range: EventRange): EventRange {
    const offsets = this.seed.ownerOffsets;
    if (owner >= offsets.length - 1) return range.empty();
    return range.ofSeed(this.seed.time, this.seed.type.codes, offsets[owner]!, offsets[owner + 1]!);
  }

  /** Places an added event among its owner's events (after events at the same time with a smaller id). */
  insert(owner: number, event: AddedEvent): void {
    while (this.byOwner.length <= owner) this.byOwner.push(undefined);
    let code = this.typeCodes.get(event.type);
    if (code === undefined) {
      code = this.typeNames.length;
      this.typeNames.push(event.type);
      this.typeCodes.set(event.type, code);
    }
    const added = this.addedIds.length;
    this.addedIds.push(event.id);
    this.addedTimes.push(event.time);
    this.addedTypes.push(code);
    this.addedProperties.push(event.properties);
    const ref = -added - 1;
    const events = this.byOwner[owner];
    if (events === undefined) {
      // an owner's first added event is kept as its number alone
      this.byOwner[owner] = added;
      this.notify(owner, ref, event.time, code);
      return;
    }
    const list = typeof events === "number" ? (this.byOwner[owner] = this.listOfOne(events)) : events;
    const { times, types, refs } = list;
    let i = upperBound(times, 0, times.length, event.time);
    while (i > 0 && times[i - 1] === event.time && compareEventIds(this.idOf(refs[i - 1]!), event.id) > 0) i--;
    if (i === times.length) {
      times.push(event.time);
      types.push(code);
      refs.push(ref);
    } else {
      times.splice(i, 0, event.time);
      types.splice(i, 0, code);
      refs.splice(i, 0, ref);
    }
    this.notify(owner, ref, event.time, code);
  }

  private notify(owner: number, ref: number, time: number, code: number): void {
    for (let w = 0; w < this.watchers.length; w++) this.watchers[w]!.ownerChanged(owner, ref, time, code);
  }

  /** Merges an owner's Snapshot range and added events into lists of its own (ties by id). */
  private merge(owner: number): OwnerEvents {
    const stored = this.byOwner[owner]!;
    const extra = typeof stored === "number" ? this.listOfOne(stored) : stored;
    const offsets = this.seed.ownerOffsets;
    let s = owner < offsets.length - 1 ? offsets[owner]! : 0;
    const end = owner < offsets.length - 1 ? offsets[owner + 1]! : 0;
    const seedTimes = this.seed.time;
    const codes = this.seed.type.codes;
    const times: number[] = [];
    const types: number[] = [];
    const refs: number[] = [];
    for (let a = 0; a < extra.times.length; a++) {
      const time = extra.times[a]!;
      const id = this.idOf(extra.refs[a]!);
      while (s < end && (seedTimes[s]! < time || (seedTimes[s] === time && compareEventIds(this.seed.id(s), id) < 0))) {
        times.push(seedTimes[s]!);
        types.push(codes[s]!);
        refs.push(s);
        s++;
      }
      times.push(time);
      types.push(extra.types[a]!);
      refs.push(extra.refs[a]!);
    }
    for (; s < end; s++) {
      times.push(seedTimes[s]!);
      types.push(codes[s]!);
      refs.push(s);
    }
    const own = { times, types, refs, merged: true };
    this.byOwner[owner] = own;
    return own;
  }

  /** Lists holding added event `added` alone (not merged). */
  private listOfOne(added: number): OwnerEvents {
    return { times: [this.addedTimes[added]!], types: [this.addedTypes[added]!], refs: [-added - 1], merged: false };
  }
}
