import { AbmKitError } from "@abm-kit/core";

/** An evaluation moment: an ISO instant, UTC epoch ms, or a Date. */
export type NowInput = string | number | Date;

/** Epoch ms of `now`, or a typed error when it is not a valid instant. */
export function parseNow(now: NowInput | undefined): number {
  const ms = typeof now === "number" ? now : now instanceof Date ? now.getTime() : typeof now === "string" ? Date.parse(now) : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new AbmKitError("INVALID_OPTIONS", "now must be an ISO instant, epoch milliseconds or a Date", [{ path: ["now"], message: "not a valid instant" }]);
  }
  return ms;
}
