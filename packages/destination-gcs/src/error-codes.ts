import type { ErrorCodeOf } from "@abm-kit/core";

/** Every `code` of an error `@abm-kit/destination-gcs` raises (besides the runtime's), with what it means. */
export const GCS_ERROR_CODES = {
  NO_CREDENTIALS: "No service account key was given and no application-default credentials could be found (`TerminalError`).",
  TOKEN_REQUEST_FAILED: "The token endpoint did not answer (`RetryableError`).",
  TOKEN_RESPONSE_UNREADABLE: "The token endpoint's answer is not JSON or holds no access token (`RetryableError`).",
  TOKEN_ENDPOINT_UNAVAILABLE: "The token endpoint answered 429 or 5xx (`RetryableError`).",
  TOKEN_REFUSED: "The token endpoint refused the service account key (another 4xx) (`TerminalError`).",
  TOKEN_REJECTED_MID_STEP:
    "GCS answered 401 after earlier requests of the same step were accepted with the same token; the step is tried again (`RetryableError`).",
  NETWORK_ERROR: "The connection failed or timed out (`RetryableError`).",
  GCS_REQUEST_FAILED: "A request failed with no GCS answer to go by (a timeout, a reset, an unreadable body, an interrupted stream) (`RetryableError`).",
  "<GCS reason>":
    "GCS's own reason, as GCS gave it: retryable for 408, 429 and 5xx (`rateLimitExceeded`, `backendError`), terminal for the other 4xx (`forbidden`, `notFound`, `conditionNotMet`).",
  "HTTP_<status>": "GCS answered an error without a reason: retryable for 408, 429 and 5xx, terminal for the other 4xx.",
} as const;
/** A code of an error `@abm-kit/destination-gcs` raises. */
export type GcsErrorCode = ErrorCodeOf<typeof GCS_ERROR_CODES>;
