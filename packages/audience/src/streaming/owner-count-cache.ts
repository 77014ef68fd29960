import type { EventLog } from "./store/event-log.js";

/**
 * Per-owner results of one event condition (a count, or whether a sequence
 * holds), kept between evaluations. An entry stays valid while the owner gets
 * no new event (its stamp) and `now` has not reached the entry's wake-up time
 * (the first moment an event enters or leaves the window), so an account's
 * evaluation reads its other people's counts instead of recounting them.
 */
export class OwnerResultCache {
  private values = new Float64Array(64);
  private wakes = new Float64Array(64);
  private stamps = new Float64Array(64).fill(-1);
  private epoch = 0;

  constructor(private readonly log: EventLog) {
    this.epoch = log.fieldEpoch;
  }

  /** The cached result for `owner` at `now`, or NaN when there is none valid. Sets `out.next` to its wake-up time on a hit. */
  get(owner: number, now: number, out: { next: number }): number {
    if (this.epoch !== this.log.fieldEpoch) {
      this.stamps.fill(-1);
      this.epoch = this.log.fieldEpoch;
      return Number.NaN;
    }
    if (owner >= this.stamps.length || this.stamps[owner] !== this.log.stampOf(owner)) return Number.NaN;
    const wake = this.wakes[owner]!;
    if (!(now < wake)) return Number.NaN;
    out.next = wake;
    return this.values[owner]!;
  }

  /** Keeps `value` for `owner`, valid until `wake` or the owner's next event. */
  set(owner: number, value: number, wake: number): void {
    if (owner >= this.stamps.length) this.grow(owner + 1);
    this.values[owner] = value;
    this.wakes[owner] = wake;
    this.stamps[owner] = this.log.stampOf(owner);
  }

  private grow(size: number): void {
    let n = this.stamps.length;
    while (n < size) n *= 2;
    const values = new Float64Array(n);
    values.set(this.values);
    const wakes = new Float64Array(n);
    wakes.set(this.wakes);
    const stamps = new Float64Array(n).fill(-1);
    stamps.set(this.stamps);
    this.values = values;
    this.wakes = wakes;
    this.stamps = stamps;
  }
}
