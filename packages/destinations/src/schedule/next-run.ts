import { parseOrThrow, ValidationError } from "@abm-kit/core";
import { ScheduleSchema, type Schedule } from "./schedule.js";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** What {@link nextRun} needs beyond the schedule and the last run. */
export interface NextRunContext {
  /** The current moment (ISO); needed for a first run of a `daily` schedule. */
  readonly now?: string;
  /** The last audience evaluation (ISO), for `afterEvaluation`. */
  readonly evaluatedAt?: string;
}

function epoch(value: string, path: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new ValidationError("schedule input", [{ path: [path], message: "not an ISO date-time" }]);
  return ms;
}

/**
 * The next moment (ISO) a plan should run, or `null` when nothing is due
 * (a `once` plan that ran; `afterEvaluation` with no evaluation since the last run).
 * Pure: the same inputs always give the same answer.
 *
 * - `daily` at HH:MM UTC: the first slot strictly after `lastRun` (or at/after `now` for a first run).
 * - `everyHours`: the first slot `startAt + k·hours` strictly after `lastRun` (`startAt` for a first run).
 * - `afterEvaluation`: `evaluatedAt` when it is after `lastRun`.
 * - `once`: `now` when it never ran.
 */
export function nextRun(schedule: Schedule, lastRun: string | null | undefined, context: NextRunContext = {}): string | null {
  const s = parseOrThrow(ScheduleSchema, schedule, "schedule");
  const last = lastRun === null || lastRun === undefined ? undefined : epoch(lastRun, "lastRun");
  switch (s.kind) {
    case "once":
      if (last !== undefined) return null;
      return context.now === undefined ? null : new Date(epoch(context.now, "now")).toISOString();
    case "daily": {
      const [h, m] = s.at.split(":").map(Number) as [number, number];
      const offset = h * HOUR_MS + m * 60_000;
      let from: number;
      let strict: boolean;
      if (last !== undefined) {
        from = last;
        strict = true;
      } else if (context.now !== undefined) {
        from = epoch(context.now, "now");
        strict = false;
      } else {
        throw new ValidationError("schedule input", [{ path: ["now"], message: "a first daily run needs now" }]);
      }
      let slot = Math.floor(from / DAY_MS) * DAY_MS + offset;
      if (slot < from || (strict && slot === from)) slot += DAY_MS;
      return new Date(slot).toISOString();
    }
    case "everyHours": {
      const start = epoch(s.startAt, "startAt");
      const step = s.hours * HOUR_MS;
      if (last === undefined || last < start) return new Date(start).toISOString();
      const k = Math.floor((last - start) / step) + 1;
      return new Date(start + k * step).toISOString();
    }
    case "afterEvaluation": {
      if (context.evaluatedAt === undefined) return null;
      const evaluated = epoch(context.evaluatedAt, "evaluatedAt");
      return last === undefined || evaluated > last ? new Date(evaluated).toISOString() : null;
    }
  }
}

/** True when a run is due at `now`. */
export function isDue(schedule: Schedule, lastRun: string | null | undefined, now: string, evaluatedAt?: string): boolean {
  const next = nextRun(schedule, lastRun, evaluatedAt === undefined ? { now } : { now, evaluatedAt });
  return next !== null && Date.parse(next) <= epoch(now, "now");
}
