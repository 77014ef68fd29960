/** The `now` contract is core's: one parser for every package (see `parseNow` in `@abm-kit/core`). */
export { MAX_NOW_MS, MIN_NOW_MS, parseNow, type NowInput } from "@abm-kit/core";
