import type { EventCondition } from "../definition/condition.js";
import { eventMatch, type EventMatch } from "./event-match.js";
import { OwnerResultCache } from "./owner-count-cache.js";
import type { RowContext } from "./row-program.js";
import type { EventLog, EventLogWatcher } from "./store/event-log.js";
import { EventRange } from "./store/event-range.js";
import type { LiveData } from "./store/live-data.js";
import { addWake, windowEnds, type WakeSink } from "./time-reach.js";
import { countOneMore, countOwner, windowAt, type WindowEnds } from "./window-count.js";

/** A number computed for one row (a count of events). */
export type RowCount = (ctx: RowContext, row: number) => number;

/** What an event counter reads and how it counts, by where it is used. */
export interface EventCounterShape {
  /** Counted for accounts (else for persons). */
  readonly atAccount: boolean;
  /** An account's count includes its people's events. */
  readonly readsPeople: boolean;
  /** An account's count includes its own events. */
  readonly readsAccount: boolean;
}

/**
 * Counts the matching events in the window of a row — a person's, or an
 * account's people's (each person counting once with `countDistinct:
 * "people"`) and its own — recording wake-ups. `clock` is the evaluator's
 * context, read for `now` when the data changes.
 */
export function eventCounter(condition: EventCondition, shape: EventCounterShape, data: LiveData, clock: { readonly now: number }): RowCount {
  return new KeptEventCounts(condition, shape, data, clock).count;
}

/**
 * The counts of one event condition, kept between evaluations and updated in
 * place as events arrive, so that re-evaluating an account after one of its
 * people's events is one read instead of a recount of every person.
 *
 * Each kept count holds from `now` until its wake-up: no event it counts
 * enters or leaves the window before then (for an account: no count of its
 * people's, or of its own, changes before then). A new event of an owner
 * whose count is kept adds what it counts at `now` (0 or 1) and moves the
 * wake-up to its own when earlier — exactly what a recount would give. An
 * account counting distinct people changes only when the person's count
 * goes from 0: a person already counted stays counted until the account's
 * wake-up, the new event only adding to it. Whatever cannot be updated so (an
 * owner whose count is not kept, a change of an account's people) is
 * dropped and recounted when next read.
 */
class KeptEventCounts implements EventLogWatcher {
  private readonly personLog: EventLog;
  private readonly accountLog: EventLog;
  private readonly personMatch: EventMatch;
  private readonly accountMatch: EventMatch;
  private readonly persons: OwnerResultCache;
  /** Per account, the count of its own events (with `readsAccount`). */
  private readonly accountsOwn: OwnerResultCache;
  /** Per account, its whole count (people and own events). */
  private readonly accountTotals: OwnerResultCache;
  private readonly ends: WindowEnds;
  private readonly windowOf: (now: number) => { from: number; to: number };
  private readonly distinctPeople: boolean;
  private readonly range = new EventRange();
  private readonly scratch: WakeSink = { next: Number.POSITIVE_INFINITY };
  private readonly kept: WakeSink = { next: Number.POSITIVE_INFINITY };
  /** What the last event added to an owner's count (0 or 1), and when that may change. */
  private readonly added = { count: 0, next: Number.POSITIVE_INFINITY };
  private readonly accountWake: WakeSink = { next: Number.POSITIVE_INFINITY };
  readonly count: RowCount;

  constructor(
    condition: EventCondition,
    private readonly shape: EventCounterShape,
    private readonly data: LiveData,
    private readonly clock: { readonly now: number },
  ) {
    const personLog = (this.personLog = data.personEvents);
    const accountLog = (this.accountLog = data.accountEvents);
    this.personMatch = eventMatch(condition.types, condition.where, personLog);
    this.accountMatch = eventMatch(condition.types, condition.where, accountLog);
    this.persons = new OwnerResultCache(() => personLog.fieldEpoch);
    this.accountsOwn = new OwnerResultCache(() => accountLog.fieldEpoch);
    this.accountTotals = new OwnerResultCache(() => personLog.fieldEpoch + accountLog.fieldEpoch);
    this.ends = windowEnds(condition.window);
    this.windowOf = windowAt(condition);
    this.distinctPeople = condition.countDistinct === "people";
    const personEventsCount = !shape.atAccount || shape.readsPeople;
    if (personEventsCount) personLog.watch(this);
    if (shape.atAccount && shape.readsAccount) {
      accountLog.watch({ ownerChanged: (owner, ref, time, code) => this.accountEventAdded(owner, ref, time, code) });
    }
    if (shape.atAccount) data.links.watch({ peopleChanged: (account) => this.accountTotals.drop(account) });
    this.count = shape.atAccount
      ? (ctx, row) => this.accountCount(ctx, row)
      : (ctx, row) => this.ownerCount(ctx, this.persons, this.personLog, this.personMatch, row);
  }

  /** An owner's count through its kept entry, recounting (and keeping) it when there is none valid. */
  private ownerCount(ctx: RowContext, cache: OwnerResultCache, log: EventLog, match: EventMatch, owner: number): number {
    const now = ctx.now;
    const scratch = this.scratch;
    const hit = cache.get(owner, now, scratch);
    if (hit === hit) {
      addWake(ctx.sink, scratch.next, now);
      return hit;
    }
    const { from, to } = this.windowOf(now);
    scratch.next = Number.POSITIVE_INFINITY;
    const n = countOwner(now, scratch, log, owner, match, this.ends, from, to, this.range);
    cache.set(owner, n, scratch.next);
    addWake(ctx.sink, scratch.next, now);
    return n;
  }

  /** An account's whole count: kept, or its people's counts (and its own) added up and kept. */
  private accountCount(ctx: RowContext, account: number): number {
    const now = ctx.now;
    const sink = ctx.sink;
    const wake = this.accountWake;
    const hit = this.accountTotals.get(account, now, wake);
    if (hit === hit) {
      addWake(sink, wake.next, now);
      return hit;
    }
    const outer = sink.next;
    sink.next = Number.POSITIVE_INFINITY;
    let n = 0;
    if (this.shape.readsPeople) {
      const people = ctx.data.links.peopleOf(account);
      for (let k = 0; k < people.length; k++) {
        const c = this.ownerCount(ctx, this.persons, this.personLog, this.personMatch, people[k]!);
        n += this.distinctPeople ? (c > 0 ? 1 : 0) : c;
      }
    }
    if (this.shape.readsAccount) n += this.ownerCount(ctx, this.accountsOwn, this.accountLog, this.accountMatch, account);
    const own = sink.next;
    this.accountTotals.set(account, n, own);
    sink.next = outer < own ? outer : own;
    return n;
  }

  /** A person's new event: its kept count and its accounts' are updated in place, or dropped. */
  ownerChanged(person: number, ref: number, time: number, code: number): void {
    // an event that does not match changes no count, and no wake-up
    if (!this.personMatch(ref, code, this.clock.now)) return;
    const before = this.addToOwner(this.persons, person, time);
    const added = this.added;
    const adds = added.count;
    if (!this.shape.atAccount) return;
    const distinct = this.distinctPeople;
    // a person counted already stays counted until each account's wake-up
    if (distinct && before > 0) return;
    // an event that never counts (it left the window for good) changes nothing
    if (adds === 0 && added.next === Number.POSITIVE_INFINITY) return;
    const accounts = this.data.links.accountsOf(person);
    for (let k = 0; k < accounts.length; k++) {
      if (distinct && before !== before) this.accountTotals.drop(accounts[k]!);
      else this.addToTotal(accounts[k]!, adds, added.next);
    }
  }

  /** An account's own new event (with `readsAccount`). */
  private accountEventAdded(account: number, ref: number, time: number, code: number): void {
    if (!this.accountMatch(ref, code, this.clock.now)) return;
    this.addToOwner(this.accountsOwn, account, time);
    this.addToTotal(account, this.added.count, this.added.next);
  }

  /**
   * Adds a new matching event at `time` to an owner's kept count in `cache`
   * (dropping the entry when none is kept); `added` tells what it added and
   * its wake-up. Returns the count before it, or NaN when none was kept.
   */
  private addToOwner(cache: OwnerResultCache, owner: number, time: number): number {
    const now = this.clock.now;
    const kept = this.kept;
    const before = cache.get(owner, now, kept);
    const { from, to } = this.windowOf(now);
    const added = this.added;
    added.next = Number.POSITIVE_INFINITY;
    added.count = countOneMore(now, added, time, this.ends, from, to);
    if (before === before) cache.set(owner, before + added.count, kept.next < added.next ? kept.next : added.next);
    else cache.drop(owner);
    return before;
  }

  /** Adds `adds` to an account's kept total (when kept), its wake-up no later than `wake`. */
  private addToTotal(account: number, adds: number, wake: number): void {
    const kept = this.accountWake;
    const total = this.accountTotals.get(account, this.clock.now, kept);
    if (total !== total) return;
    this.accountTotals.set(account, total + adds, kept.next < wake ? kept.next : wake);
  }
}
