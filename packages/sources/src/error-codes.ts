import type { ErrorCodeOf } from "@abm-kit/core";

/**
 * Every `code` of an error `@abm-kit/sources` raises, with what it means. A bad
 * row or file is not an error: it is reported in the load's report and skipped.
 */
export const SOURCES_ERROR_CODES = {
  VALIDATION_FAILED: "The arguments of a reader or of `loadExports` are invalid (`ValidationError`).",
} as const;
/** A code of an error `@abm-kit/sources` raises. */
export type SourcesErrorCode = ErrorCodeOf<typeof SOURCES_ERROR_CODES>;
