import type { AudienceErrorCode } from "../error-codes.js";
import { AbmKitError } from "@abm-kit/core";

/** An evaluation moment: an ISO instant, UTC epoch ms, or a Date. */
export type NowInput = string | number | Date;

/** The earliest `now`: 0001-01-01T00:00:00.000Z. */
export const MIN_NOW_MS = -62_135_596_800_000;
/** The latest `now`: 9999-12-31T23:59:59.999Z. */
export const MAX_NOW_MS = 253_402_300_799_999;

/**
 * Epoch ms of `now`, or a typed error when it is not a valid instant between
 * years 1 and 9999 (so every window, up to 1,000 years long, stays inside the
 * range every engine represents).
 */
export function parseNow(now: NowInput | undefined): number {
  const ms = typeof now === "number" ? now : now instanceof Date ? now.getTime() : typeof now === "string" ? Date.parse(now) : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new AbmKitError<AudienceErrorCode>("INVALID_OPTIONS", "now must be an ISO instant, epoch milliseconds or a Date", [{ path: ["now"], message: "not a valid instant", code: "invalid_now" }]);
  }
  if (ms < MIN_NOW_MS || ms > MAX_NOW_MS) {
    throw new AbmKitError<AudienceErrorCode>("INVALID_OPTIONS", "now must be between 0001-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z", [{ path: ["now"], message: "outside years 1 to 9999", code: "now_out_of_range" }]);
  }
  return ms;
}
