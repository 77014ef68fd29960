import type { ErrorCodeOf } from "@abm-kit/core";

/** Every `code` of an error `@abm-kit/guardrails` raises, with what it means. */
export const GUARDRAILS_ERROR_CODES = {
  VALIDATION_FAILED: "An audience, plan facts, profile, policy or `now` is invalid (`ValidationError`).",
  UNKNOWN_PROFILE: "No built-in limit profile has the given name.",
} as const;
/** A code of an error `@abm-kit/guardrails` raises. */
export type GuardrailsErrorCode = ErrorCodeOf<typeof GUARDRAILS_ERROR_CODES>;
