import type { ErrorCodeOf } from "@abm-kit/core";

/** Every `code` of an error `@abm-kit/destination-marketo` raises (besides the runtime's), with what it means. */
export const MARKETO_ERROR_CODES = {
  MARKETO_CLIENT_REJECTED: "The identity endpoint refused the client id or secret (401; `MarketoActionRequiredError`).",
  MARKETO_ACCESS_DENIED: "The API user's role lacks a permission, or an IP allowlist refuses this host (603; `MarketoActionRequiredError`).",
  MARKETO_FOLDER_NOT_FOUND: "The folder named by `listFolder` does not exist (`MarketoActionRequiredError`).",
  MARKETO_DAILY_QUOTA:
    "The subscription's daily API quota is spent (607); running again after Marketo's daily reset resumes (`MarketoQuotaError`, a `StopRunError`).",
  MARKETO_606: "More than 100 calls in 20 seconds; retried after `rateLimitWaitMs` (`RetryableError`).",
  MARKETO_615: "More than 10 concurrent calls; retried after `concurrencyWaitMs` (`RetryableError`).",
  "MARKETO_<Marketo error code>":
    "Marketo's own error code (`MARKETO_ERROR` when it gave none): 604, 608, 611, 614 and 713 are retryable (`RetryableError`), the others terminal (`TerminalError`).",
  MALFORMED_RESPONSE: "An answer lacks what the API promises (a success flag, an access token, a result, a list id) (`RetryableError`).",
} as const;
/** A code of an error `@abm-kit/destination-marketo` raises. */
export type MarketoErrorCode = ErrorCodeOf<typeof MARKETO_ERROR_CODES>;
