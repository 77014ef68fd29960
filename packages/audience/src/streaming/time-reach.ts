import type { TimePoint, Window } from "../definition/time.js";
import { resolveTimePoint, shiftByDuration } from "../definition/resolve-time.js";

/** Collects the earliest moment after `now` at which something may change (`Infinity`: never). */
export interface WakeSink {
  next: number;
}

const FIXED_MS = { minutes: 60_000, hours: 3_600_000, days: 86_400_000, weeks: 604_800_000 } as const;
const STEP_MS = 5 * 86_400_000;

/** Records `at` in `sink` when it is after `now` and earlier than what it holds. */
export function addWake(sink: WakeSink, at: number, now: number): void {
  if (at > now && at < sink.next) sink.next = at;
}

/** Whether a time point moves with `now` (everything but an absolute `{ at }`). */
export function isMoving(point: TimePoint): boolean {
  return point === "now" || !("at" in point);
}

/**
 * The first moment `n` at which `resolveTimePoint(point, n) >= y`. Every point
 * resolves monotonically in `n`; fixed units are exact arithmetic, calendar
 * units (months, years) a binary search around the date-fns shift.
 */
export function firstReach(point: TimePoint, y: number): number {
  if (point === "now") return Math.ceil(y);
  if ("at" in point) return Number.NaN;
  const back = "ago" in point;
  const duration = back ? point.ago : point.ahead;
  if (duration.unit !== "months" && duration.unit !== "years") {
    const ms = duration.amount * FIXED_MS[duration.unit];
    return Math.ceil(back ? y + ms : y - ms);
  }
  const at = (n: number) => resolveTimePoint(point, n);
  const guess = shiftByDuration(y, duration, back ? 1 : -1);
  let lo = guess - STEP_MS;
  let hi = guess + STEP_MS;
  while (at(lo) >= y) lo -= STEP_MS;
  while (at(hi) < y) hi += STEP_MS;
  // at(lo) < y <= at(hi): find the smallest whole millisecond reaching y
  lo = Math.floor(lo);
  hi = Math.ceil(hi);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (at(mid) >= y) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Adds the moment after `now` when a moving `point` first reaches `y` (nothing when it already has, or never moves). */
export function pointReachTimes(point: TimePoint, y: number, now: number, sink: WakeSink): void {
  if (!isMoving(point) || resolveTimePoint(point, now) >= y) return;
  addWake(sink, firstReach(point, y), now);
}

/** The two ends of a window as time points (undefined: unbounded). */
export function windowEnds(window: Window): { from: TimePoint | undefined; to: TimePoint | undefined } {
  if ("last" in window) return { from: { ago: window.last }, to: "now" };
  if ("between" in window) return { from: window.between[0], to: window.between[1] };
  return { from: window.from, to: window.to };
}

/**
 * Adds the next moment after `now` when an event at `time` enters or leaves an
 * event window whose resolved bounds at `now` are `[from, to]` (`to` already cut
 * at `now`). Both bounds only move forward, so an event before the window never
 * comes back.
 */
export function eventWake(
  ends: { from: TimePoint | undefined; to: TimePoint | undefined },
  time: number,
  from: number,
  to: number,
  now: number,
  sink: WakeSink,
): void {
  if (time < from) return;
  if (time <= to) {
    if (ends.from !== undefined) pointReachTimes(ends.from, time + 1, now, sink);
    return;
  }
  // after the window: it enters once the window's end reaches it (and `now` does)
  let enter = time;
  if (ends.to !== undefined) {
    if (!isMoving(ends.to)) {
      if (resolveTimePoint(ends.to, now) < time) return;
    } else enter = Math.max(enter, firstReach(ends.to, time));
  }
  addWake(sink, enter, now);
}
