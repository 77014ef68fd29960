import type { ErrorCodeOf } from "@abm-kit/core";

/** Every `code` of an error `@abm-kit/audience` raises (besides `VALIDATION_FAILED`), with what it means. */
export const AUDIENCE_ERROR_CODES = {
  INVALID_OPTIONS: "An option is not valid (`strict`, `audiences`, a composition function's options).",
  AUDIENCE_COMPILE_FAILED: "A valid definition does not fit the snapshot: wrong value types, undeclared related tables, unknown fields with `strict: true`.",
  UNKNOWN_AUDIENCE_REFERENCE: "An `inAudience` condition names an audience that was not given.",
  AUDIENCE_REFERENCE_CYCLE: "Audiences reference each other in a cycle (the message names it).",
  DUPLICATE_AUDIENCE: "Two given audiences have the same id.",
  UNKNOWN_MEMBER: "`explain` was asked about a member id the snapshot does not have.",
  AUDIENCE_NOT_STREAMABLE: "A condition cannot be evaluated by the streaming evaluator; evaluate that audience in batch.",
  TIME_WENT_BACKWARDS: "The streaming evaluator was asked to move its clock back.",
  COMPOSITION_CYCLE: "Compositions reference each other in a cycle.",
  COMPOSITION_TYPE_MISMATCH: "A composition combines account and person lists.",
  COMPOSITION_EMPTY: "A set operation was given no input.",
  COMPOSITION_TIME_UNKNOWN: "A composed result's time cannot be known from its inputs; pass `now`.",
  UNKNOWN_AUDIENCE: "A composition names an audience, composition or result that was not given.",
  DUPLICATE_RESULT_ID: "Two compositions or results produce the same id.",
  INVALID_MEMBER_LIST: "An input of a composition function is not a member list.",
  INVALID_MEMBER_VALUE: "A rank, enrich or split value cannot be computed (wrong field type, relation or aggregate).",
  UNKNOWN_FIELD: "A composition names a field no table has.",
  UNKNOWN_RELATION: "A composition names a relation the member type does not have.",
  SPLIT_PERCENTAGES_INVALID: "A percentage split's shares do not sum to 100.",
  MEMBERSHIP_STATE_MISMATCH: "The previous membership state given to `diffMembership` belongs to another audience.",
  MEMBERSHIP_STATE_FROM_FUTURE: "The previous membership state was evaluated after `now`.",
} as const;
/** A code of an error `@abm-kit/audience` raises. */
export type AudienceErrorCode = ErrorCodeOf<typeof AUDIENCE_ERROR_CODES>;
