import type { EventLog, EventLogWatcher } from "./store/event-log.js";

/**
 * Per-owner results of one event condition (a count), kept between
 * evaluations. An entry stays valid until the owner gets a new event (the log
 * tells the cache, which drops the entry) or `now` reaches the entry's wake-up
 * time (the first moment an event enters or leaves the window), so an
 * account's evaluation reads its other people's counts instead of recounting
 * them, one memory read per person.
 */
export class OwnerResultCache implements EventLogWatcher {
  /** Per owner, two numbers side by side: the result and its wake-up time (NaN: no entry). */
  private entries = new Float64Array(2 * 64).fill(Number.NaN);
  private epoch = 0;

  constructor(private readonly log: EventLog) {
    this.epoch = log.fieldEpoch;
    log.watch(this);
  }

  /** The cached result for `owner` at `now`, or NaN when there is none valid. Sets `out.next` to its wake-up time on a hit. */
  get(owner: number, now: number, out: { next: number }): number {
    if (this.epoch !== this.log.fieldEpoch) {
      this.entries.fill(Number.NaN);
      this.epoch = this.log.fieldEpoch;
      return Number.NaN;
    }
    const at = 2 * owner;
    const entries = this.entries;
    if (at >= entries.length) return Number.NaN;
    const wake = entries[at + 1]!;
    if (!(now < wake)) return Number.NaN;
    out.next = wake;
    return entries[at]!;
  }

  /** Keeps `value` for `owner`, valid until `wake` or the owner's next event. */
  set(owner: number, value: number, wake: number): void {
    const at = 2 * owner;
    if (at >= this.entries.length) {
      let n = this.entries.length;
      while (n <= at) n *= 2;
      const grown = new Float64Array(n).fill(Number.NaN);
      grown.set(this.entries);
      this.entries = grown;
    }
    this.entries[at] = value;
    this.entries[at + 1] = wake;
  }

  ownerChanged(owner: number): void {
    const at = 2 * owner + 1;
    if (at < this.entries.length) this.entries[at] = Number.NaN;
  }
}
