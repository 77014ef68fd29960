import { ValidationError, type ProblemPath } from "./errors.js";
import { InstantSchema, instantToEpochMs } from "./values.js";

/**
 * A moment abm-kit takes as a parameter (`now`, `asOf`): an ISO-8601 instant
 * with `Z` or an offset (`2026-11-20T12:00:00Z`), UTC epoch milliseconds, or a
 * `Date`. Every function that takes one reads it with {@link parseNow}.
 */
export type NowInput = string | number | Date;

/** The earliest moment: 0001-01-01T00:00:00.000Z. */
export const MIN_NOW_MS = -62_135_596_800_000;
/** The latest moment: 9999-12-31T23:59:59.999Z. */
export const MAX_NOW_MS = 253_402_300_799_999;

/**
 * The one reading of a {@link NowInput}, as UTC epoch ms: an ISO-8601 instant
 * with `Z` or an offset, a finite number of epoch ms, or a valid `Date`,
 * between years 1 and 9999 (so every window, up to 1,000 years long, stays in
 * the range every engine represents). Anything else — a date without a time,
 * `"yesterday"`, `NaN`, an invalid `Date`, `undefined` — raises a
 * {@link ValidationError} (`VALIDATION_FAILED`) whose problem has `path`
 * (default `["now"]`) and code `invalid_now` or `now_out_of_range`.
 */
export function parseNow(value: unknown, path: ProblemPath = ["now"]): number {
  const name = String(path[path.length - 1] ?? "now");
  const ms =
    typeof value === "number"
      ? value
      : value instanceof Date
        ? value.getTime()
        : typeof value === "string" && InstantSchema.safeParse(value).success
          ? instantToEpochMs(value)
          : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new ValidationError(name, [{ path, message: "not an ISO-8601 instant with an offset, epoch milliseconds or a valid Date", code: "invalid_now" }]);
  }
  if (ms < MIN_NOW_MS || ms > MAX_NOW_MS) {
    throw new ValidationError(name, [
      { path, message: "outside years 1 to 9999 (0001-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z)", code: "now_out_of_range" },
    ]);
  }
  return ms;
}
