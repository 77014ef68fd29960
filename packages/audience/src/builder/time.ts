import type { Duration, TimePoint, TimeUnit, Window } from "../definition/time.js";

/** `{ amount, unit }`. */
export const duration = (amount: number, unit: TimeUnit): Duration => ({ amount, unit });
/** The point `amount unit` before now. */
export const ago = (amount: number, unit: TimeUnit): TimePoint => ({ ago: duration(amount, unit) });
/** The point `amount unit` after now. */
export const ahead = (amount: number, unit: TimeUnit): TimePoint => ({ ahead: duration(amount, unit) });
/** An absolute instant or date (`2026-03-01` or `2026-03-01T00:00:00Z`). */
export const at = (isoInstantOrDate: string): TimePoint => ({ at: isoInstantOrDate });
/** The window `[now − amount unit, now]`. */
export const last = (amount: number, unit: TimeUnit): Window => ({ last: duration(amount, unit) });
/** The window `[from, to]` (omit an end for unbounded). */
export const span = (from: TimePoint | undefined, to: TimePoint | undefined): Window => ({
  ...(from !== undefined ? { from } : {}),
  ...(to !== undefined ? { to } : {}),
});
