export * from "./stream-change.js";
export * from "./streaming-eligibility.js";
export * from "./membership-change.js";
export * from "./apply-outcome.js";
export * from "./streaming-evaluator.js";
export type { TypedValue } from "./typed-value.js";
export * from "./measure-latency.js";
