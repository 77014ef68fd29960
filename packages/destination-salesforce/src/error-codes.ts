import type { ErrorCodeOf } from "@abm-kit/core";

/** Every `code` of an error `@abm-kit/destination-salesforce` raises (besides the runtime's), with what it means. */
export const SALESFORCE_ERROR_CODES = {
  SALESFORCE_AUTH_REJECTED: "The token endpoint refused the credentials (400 or 401: `invalid_grant`, `invalid_client`; `SalesforceActionRequiredError`).",
  SALESFORCE_FIELD_MISSING:
    "A membership field named in the settings does not exist on the object, is of the wrong type or is not writable (`SalesforceActionRequiredError`).",
  SALESFORCE_ACCESS_DENIED: "The user may not do what the adapter needs (403 other than the daily limit; `SalesforceActionRequiredError`).",
  SALESFORCE_DAILY_LIMIT: "The org's daily API request limit is used up (`REQUEST_LIMIT_EXCEEDED`); running again once it has room resumes (`StopRunError`).",
  "SALESFORCE_OAUTH_<status>": "The token endpoint answered another non-retryable status (`TerminalError`).",
  "SALESFORCE_<Salesforce error code>": "The API refused a request: Salesforce's first error code, or the status when it gave none (`TerminalError`).",
  SALESFORCE_NOT_AUTHENTICATED: "A request was made before the token's `instance_url` was known (`RetryableError`).",
  SALESFORCE_BULK_TIMEOUT: "A Bulk job was not finished after `bulkPollTimeoutMs` of polling (`RetryableError`).",
  SALESFORCE_BULK_ABORTED: "A Bulk job was aborted (`RetryableError`).",
  SALESFORCE_BULK_FAILED: "A Bulk job failed (`RetryableError`).",
  RATE_LIMITED: "Salesforce answered 429 (`RetryableError`).",
  "HTTP_<status>":
    "Salesforce answered 408, 409, 423, 425 or 5xx, or a transient error (`UNABLE_TO_LOCK_ROW`, `SERVER_UNAVAILABLE`, `REQUEST_RUNNING_TOO_LONG`) (`RetryableError`).",
  MALFORMED_RESPONSE: "An answer lacks what the API promises (an access token, an `instance_url`, an id, records, a job state, results) (`RetryableError`).",
} as const;
/** A code of an error `@abm-kit/destination-salesforce` raises. */
export type SalesforceErrorCode = ErrorCodeOf<typeof SALESFORCE_ERROR_CODES>;
