import { RowNumbers } from "./store/row-numbers.js";

/**
 * Per-owner results of one event count, kept between evaluations: a result
 * holds from the moment it was computed until its wake-up time (the first
 * moment an event may enter or leave the window), unless the data under it
 * changes first — then its keeper updates the entry in place or drops it.
 * Everything is dropped when `epoch()` moves (a field was first declared, so a
 * test of it may now read differently).
 */
export class OwnerResultCache {
  /** Per owner, two numbers side by side (`2 * owner`): the result and its wake-up time (NaN: no entry). */
  private readonly entries = new RowNumbers(Number.NaN);
  private seenEpoch: number;

  constructor(private readonly epoch: () => number) {
    this.seenEpoch = epoch();
  }

  /** The kept result for `owner` at `now`, or NaN when there is none valid. Sets `out.next` to its wake-up time on a hit. */
  get(owner: number, now: number, out: { next: number }): number {
    const epoch = this.epoch();
    if (this.seenEpoch !== epoch) {
      this.entries.reset();
      this.seenEpoch = epoch;
      return Number.NaN;
    }
    const wake = this.entries.get(2 * owner + 1);
    if (!(now < wake)) return Number.NaN;
    out.next = wake;
    return this.entries.get(2 * owner);
  }

  /** Keeps `value` for `owner`, valid until `wake` (Infinity: until the data under it changes). */
  set(owner: number, value: number, wake: number): void {
    this.entries.set(2 * owner + 1, wake);
    this.entries.set(2 * owner, value);
  }

  /** Forgets the entry of `owner`. */
  drop(owner: number): void {
    this.entries.set(2 * owner + 1, Number.NaN);
  }
}
