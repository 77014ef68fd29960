import { addMonths, addYears } from "date-fns";
import { dateToEpochMs, instantToEpochMs } from "@abm-kit/core";
import type { Duration, TimePoint, Window } from "./time.js";

const FIXED_MS = { minutes: 60_000, hours: 3_600_000, days: 86_400_000, weeks: 604_800_000 } as const;
const DAY_MS = 86_400_000;

/** A Date whose calendar getters and setters work in UTC, so date-fns calendar arithmetic is in UTC. */
class UtcDate extends Date {
  override getFullYear() {
    return this.getUTCFullYear();
  }
  override getMonth() {
    return this.getUTCMonth();
  }
  override getDate() {
    return this.getUTCDate();
  }
  override getDay() {
    return this.getUTCDay();
  }
  override getHours() {
    return this.getUTCHours();
  }
  override getMinutes() {
    return this.getUTCMinutes();
  }
  override getSeconds() {
    return this.getUTCSeconds();
  }
  override getMilliseconds() {
    return this.getUTCMilliseconds();
  }
  override setFullYear(y: number, m?: number, d?: number) {
    return this.setUTCFullYear(y, m ?? this.getUTCMonth(), d ?? this.getUTCDate());
  }
  override setMonth(m: number, d?: number) {
    return this.setUTCMonth(m, d ?? this.getUTCDate());
  }
  override setDate(d: number) {
    return this.setUTCDate(d);
  }
  override setHours(h: number, mi?: number, s?: number, ms?: number) {
    return this.setUTCHours(h, mi ?? this.getUTCMinutes(), s ?? this.getUTCSeconds(), ms ?? this.getUTCMilliseconds());
  }
}
const inUtc = { in: (value: Date | number | string) => new UtcDate(value instanceof Date ? value.getTime() : value) };

/**
 * `ms` moved by `sign × duration`: fixed units add milliseconds; months and years
 * follow date-fns calendar arithmetic in UTC (Mar 31 − 1 month = Feb 28/29).
 */
export function shiftByDuration(ms: number, duration: Duration, sign: 1 | -1): number {
  const { amount, unit } = duration;
  if (unit === "months") return addMonths(ms, sign * amount, inUtc).getTime();
  if (unit === "years") return addYears(ms, sign * amount, inUtc).getTime();
  return ms + sign * amount * FIXED_MS[unit];
}

/** Epoch ms of a time point at `now` (NaN when an absolute point does not parse). */
export function resolveTimePoint(point: TimePoint, now: number): number {
  if (point === "now") return now;
  if ("ago" in point) return shiftByDuration(now, point.ago, -1);
  if ("ahead" in point) return shiftByDuration(now, point.ahead, 1);
  return point.at.length === 10 ? dateToEpochMs(point.at) : instantToEpochMs(point.at);
}

/** A window's bounds in epoch ms, both inclusive (an omitted end is ±Infinity). */
export interface ResolvedWindow {
  readonly from: number;
  readonly to: number;
}

/**
 * Resolves a window at `now`: `{ last: d }` is `[now − d, now]`, `{ between: [a, b] }`
 * is `[a, b]`, `{ from, to }` is `[from, to]`. With `granularity: "day"` (for
 * date fields) each bound becomes its UTC calendar day, so a date compares by day.
 */
export function resolveWindow(window: Window, now: number, granularity: "instant" | "day" = "instant"): ResolvedWindow {
  let from: number;
  let to: number;
  if ("last" in window) {
    from = shiftByDuration(now, window.last, -1);
    to = now;
  } else if ("between" in window) {
    from = resolveTimePoint(window.between[0], now);
    to = resolveTimePoint(window.between[1], now);
  } else {
    from = window.from === undefined ? Number.NEGATIVE_INFINITY : resolveTimePoint(window.from, now);
    to = window.to === undefined ? Number.POSITIVE_INFINITY : resolveTimePoint(window.to, now);
  }
  if (granularity === "day") {
    from = truncateToDay(from);
    to = truncateToDay(to);
  }
  return { from, to };
}

/** 00:00 UTC of the day of `ms` (infinities unchanged). */
export function truncateToDay(ms: number): number {
  return Number.isFinite(ms) ? Math.floor(ms / DAY_MS) * DAY_MS : ms;
}
