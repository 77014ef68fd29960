import type { EventLog } from "./store/event-log.js";

/**
 * Per-owner results of one event condition (a count, or whether a sequence
 * holds), kept between evaluations. An entry stays valid while the owner gets
 * no new event (its stamp) and `now` has not reached the entry's wake-up time
 * (the first moment an event enters or leaves the window), so an account's
 * evaluation reads its other people's counts instead of recounting them.
 */
export class OwnerResultCache {
  /** Per owner, three numbers side by side (one cache line): the result, its wake-up time, the owner's stamp (-1: none). */
  private entries = new Float64Array(3 * 64).fill(-1);
  private epoch = 0;

  constructor(private readonly log: EventLog) {
    this.epoch = log.fieldEpoch;
  }

  /** The cached result for `owner` at `now`, or NaN when there is none valid. Sets `out.next` to its wake-up time on a hit. */
  get(owner: number, now: number, out: { next: number }): number {
    if (this.epoch !== this.log.fieldEpoch) {
      this.entries.fill(-1);
      this.epoch = this.log.fieldEpoch;
      return Number.NaN;
    }
    const at = 3 * owner;
    const entries = this.entries;
    if (at >= entries.length || entries[at + 2] !== this.log.stampOf(owner)) return Number.NaN;
    const wake = entries[at + 1]!;
    if (!(now < wake)) return Number.NaN;
    out.next = wake;
    return entries[at]!;
  }

  /** Keeps `value` for `owner`, valid until `wake` or the owner's next event. */
  set(owner: number, value: number, wake: number): void {
    const at = 3 * owner;
    if (at >= this.entries.length) {
      let n = this.entries.length;
      while (n <= at) n *= 2;
      const grown = new Float64Array(n).fill(-1);
      grown.set(this.entries);
      this.entries = grown;
    }
    this.entries[at] = value;
    this.entries[at + 1] = wake;
    this.entries[at + 2] = this.log.stampOf(owner);
  }
}
