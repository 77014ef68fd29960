import type { GuardrailsErrorCode } from "../error-codes.js";
import { AbmKitError, InstantSchema, instantToEpochMs } from "@abm-kit/core";

/** Epoch ms of an optional ISO `now`; anything but an ISO instant raises a typed error. */
export function parseNow(now: string | undefined): number | undefined {
  if (now === undefined) return undefined;
  if (!InstantSchema.safeParse(now).success) {
    throw new AbmKitError<GuardrailsErrorCode>("INVALID_OPTIONS", "now must be an ISO instant", [{ path: ["now"], message: "not a valid ISO instant" }]);
  }
  return instantToEpochMs(now);
}
