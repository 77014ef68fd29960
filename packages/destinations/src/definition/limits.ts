/**
 * A destination's declared limits (batch ceiling, request rate, concurrency,
 * audience size, rows per file): the `DestinationLimits` of `@abm-kit/guardrails`,
 * which validates plans against the same shape.
 */
export { DestinationLimitsSchema, type DestinationLimits } from "@abm-kit/guardrails";
