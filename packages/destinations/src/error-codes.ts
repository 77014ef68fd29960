import type { ErrorCodeOf } from "@abm-kit/core";

/**
 * Every `code` of an error `@abm-kit/destinations` raises (besides
 * `VALIDATION_FAILED`), with what it means. Adapters may raise
 * `RetryableError` / `TerminalError` with codes of their own.
 */
export const DESTINATIONS_ERROR_CODES = {
  ACTIVATION_ABORTED: "The activation was aborted (`ActivationError`); running it again resumes from the last checkpoint.",
  ADAPTER_FAILED: "The adapter threw an unexpected error (`ActivationError`); running again resumes.",
  AUTH_EXPIRED: "The destination rejected the access token (`AuthExpiredError`): the runtime refreshes it and tries once more.",
  AUTH_FAILED: "The destination rejected a freshly refreshed token, or it rejected the request and there is no way to refresh (`TerminalError`).",
  NO_HTTP_DECLARATION: "An adapter called `ctx.request` but declares no `http` (`TerminalError`).",
  TIMEOUT: "A request timed out (`RetryableError`).",
  NETWORK_ERROR: "A request failed on the network or its answer was cut off (`RetryableError`).",
  MALFORMED_RESPONSE: "A response body is not JSON (`RetryableError`).",
  RATE_LIMITED: "The destination answered 429 (`RetryableError`, with `retryAfterMs` when it said how long).",
  "HTTP_<status>": "Any other HTTP failure: retryable for 408, 409, 423 and 5xx, terminal for the other 4xx.",
  UNSAFE_FILE_NAME: "A file name (from a template) would leave the target folder or is otherwise unsafe (`UnsafeFileNameError`).",
  OBJECT_MISSING: "An uploaded object is not in the store when checked after the upload (object-store file delivery; `RetryableError`).",
  OBJECT_MISMATCH: "An uploaded object's size or digest differs from the file's (object-store file delivery; `RetryableError`).",
  OBJECT_UNVERIFIABLE: "An uploaded object cannot be verified (no checksum to compare) (object-store file delivery; `TerminalError`).",
  OBJECT_TOO_LARGE: "A file is larger than the store's `maxObjectBytes`: lower `maxRowsPerFile` (object-store file delivery; `TerminalError`).",
  STATE_CORRUPT: "The saved activation state is not JSON (`StateStoreError`).",
  STATE_INVALID: "The saved activation state is JSON but not an activation state (`StateStoreError`).",
  STATE_UNREADABLE: "The file system refused to read the state (`StateStoreError`).",
  STATE_UNWRITABLE: "The file system refused to write the state (`StateStoreError`).",
  STATE_KEY_INVALID: "The state key cannot name a file (`StateStoreError`).",
} as const;
/** A code of an error `@abm-kit/destinations` raises. */
export type DestinationsErrorCode = ErrorCodeOf<typeof DESTINATIONS_ERROR_CODES>;
