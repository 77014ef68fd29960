/** An owner's events once they have been added to: parallel lists in time order. */
export interface OwnedEvents {
  readonly times: number[];
  /** Type codes of the log's dictionary. */
  readonly types: number[];
  /** `ref >= 0`: a Snapshot event row; `ref < 0`: added event `-ref - 1`. */
  readonly refs: number[];
}

/**
 * A reusable cursor over one owner's events, `start` to `end` (exclusive) of
 * parallel arrays in time order: either a range of the Snapshot's columns or
 * the owner's own lists. Reading through one cursor allocates nothing.
 */
export class EventRange {
  times: ArrayLike<number> = EMPTY;
  types: ArrayLike<number> = EMPTY;
  private refs: ArrayLike<number> | undefined = undefined;
  /** Without `refs`: whether index `i` is added event `i` (else Snapshot row `i`). */
  private added = false;
  start = 0;
  end = 0;

  /** The event reference at index `i` (a Snapshot row is its own reference; added event `i` is `-i - 1`). */
  ref(i: number): number {
    if (this.refs !== undefined) return this.refs[i]!;
    return this.added ? -i - 1 : i;
  }

  /** Points at nothing. */
  empty(): this {
    return this.point(EMPTY, EMPTY, undefined, false, 0, 0);
  }

  /** Points at Snapshot rows `start … end-1`. */
  ofSeed(times: ArrayLike<number>, types: ArrayLike<number>, start: number, end: number): this {
    return this.point(times, types, undefined, false, start, end);
  }

  /** Points at added events `start … end-1` of a log's columns of added events. */
  ofAdded(times: ArrayLike<number>, types: ArrayLike<number>, start: number, end: number): this {
    return this.point(times, types, undefined, true, start, end);
  }

  /** Points at an owner's own lists. */
  ofOwned(own: OwnedEvents): this {
    return this.point(own.times, own.types, own.refs, false, 0, own.times.length);
  }

  private point(times: ArrayLike<number>, types: ArrayLike<number>, refs: ArrayLike<number> | undefined, added: boolean, start: number, end: number): this {
    this.times = times;
    this.types = types;
    this.refs = refs;
    this.added = added;
    this.start = start;
    this.end = end;
    return this;
  }
}

const EMPTY: readonly number[] = [];
