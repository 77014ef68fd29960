import { parseNow as parseCoreNow, type NowInput } from "@abm-kit/core";

/** Epoch ms of an optional `now` (core's `NowInput` contract); `undefined` stays undefined. */
export function parseNow(now: NowInput | undefined): number | undefined {
  return now === undefined ? undefined : parseCoreNow(now);
}
