import type { Duration, TimePoint, Window } from "@abm-kit/audience";
import { resolveWindow } from "@abm-kit/audience/internal";

const DAY_MS = 86_400_000;
/** The longest each unit can be, in days (a month up to 31 days, a year up to 366). */
const MAX_DAYS: Readonly<Record<Duration["unit"], number>> = {
  minutes: 1 / 1440,
  hours: 1 / 24,
  days: 1,
  weeks: 7,
  months: 31,
  years: 366,
};

/** How far back a window reaches: days, `"unbounded"` (no start), or `"unknown"` (absolute start, no `now`). */
export type Lookback = number | "unbounded" | "unknown";

/**
 * How many days before `now` a window starts. With `now` (epoch ms) the window
 * is resolved exactly; without it, relative starts take their longest possible
 * length (a month as 31 days) and an absolute start is `"unknown"`. A window
 * starting at or after `now` looks back 0 days.
 */
export function lookbackOf(window: Window, now: number | undefined): Lookback {
  if (now !== undefined) {
    const { from } = resolveWindow(window, now);
    if (Number.isNaN(from)) return "unknown";
    if (from === Number.NEGATIVE_INFINITY) return "unbounded";
    return roundDays(Math.max(0, (now - from) / DAY_MS));
  }
  if ("last" in window) return roundDays(maxDays(window.last));
  const start = "between" in window ? window.between[0] : window.from;
  if (start === undefined) return "unbounded";
  return pointLookback(start);
}

function pointLookback(point: TimePoint): Lookback {
  if (point === "now") return 0;
  if ("ago" in point) return roundDays(maxDays(point.ago));
  if ("ahead" in point) return 0;
  return "unknown";
}

function maxDays(duration: Duration): number {
  return duration.amount * MAX_DAYS[duration.unit];
}

function roundDays(days: number): number {
  return Math.round(days * 1000) / 1000;
}
