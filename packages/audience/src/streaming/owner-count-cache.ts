import type { EventLog, EventLogWatcher } from "./store/event-log.js";
import { RowNumbers } from "./store/row-numbers.js";

/**
 * Per-owner results of one event condition (a count), kept between
 * evaluations. An entry stays valid until the owner gets a new event (the log
 * tells the cache, which drops the entry) or `now` reaches the entry's wake-up
 * time (the first moment an event enters or leaves the window), so an
 * account's evaluation reads its other people's counts instead of recounting
 * them, one memory read per person.
 */
export class OwnerResultCache implements EventLogWatcher {
  /** Per owner, two numbers side by side (`2 * owner`): the result and its wake-up time (NaN: no entry). */
  private readonly entries = new RowNumbers(Number.NaN);
  private epoch = 0;

  constructor(private readonly log: EventLog) {
    this.epoch = log.fieldEpoch;
    log.watch(this);
  }

  /** The cached result for `owner` at `now`, or NaN when there is none valid. Sets `out.next` to its wake-up time on a hit. */
  get(owner: number, now: number, out: { next: number }): number {
    if (this.epoch !== this.log.fieldEpoch) {
      this.entries.reset();
      this.epoch = this.log.fieldEpoch;
      return Number.NaN;
    }
    const wake = this.entries.get(2 * owner + 1);
    if (!(now < wake)) return Number.NaN;
    out.next = wake;
    return this.entries.get(2 * owner);
  }

  /** Keeps `value` for `owner`, valid until `wake` or the owner's next event. */
  set(owner: number, value: number, wake: number): void {
    this.entries.set(2 * owner + 1, wake);
    this.entries.set(2 * owner, value);
  }

  ownerChanged(owner: number): void {
    this.entries.set(2 * owner + 1, Number.NaN);
  }
}
