import type { ErrorCodeOf } from "@abm-kit/core";

/** Every `code` of an error `@abm-kit/destination-azure-blob` raises (besides the runtime's), with what it means. */
export const AZURE_BLOB_ERROR_CODES = {
  NO_CREDENTIALS: "The `tokenCredential` could not give a token (no identity is configured where it looks, or it gave none) (`TerminalError`).",
  TOKEN_REQUEST_FAILED: "The `tokenCredential` failed to get a token for another reason (a network failure, a busy identity endpoint) (`RetryableError`).",
  NETWORK_ERROR: "The connection failed or timed out (`RetryableError`).",
  AZURE_REQUEST_FAILED: "A request failed with no Azure answer to go by (a timeout, a reset, an unreadable body) (`RetryableError`).",
  "<Azure error code>":
    "The storage service's own error code, as it gave it: retryable for 408, 429 and 5xx (`ServerBusy`, `InternalError`, `OperationTimedOut`), terminal for the other 4xx (`ContainerNotFound`, `AuthorizationPermissionMismatch`, `InvalidBlockList`). 401 and a 403 `AuthenticationFailed` or `AuthorizationFailure` are not codes of their own: the login is obtained again once (a fresh token from `tokenCredential`), then the file fails with the runtime's `AUTH_FAILED`.",
  "HTTP_<status>": "The storage service answered an error without a code: retryable for 408, 429 and 5xx, terminal for the other 4xx.",
} as const;
/** A code of an error `@abm-kit/destination-azure-blob` raises. */
export type AzureBlobErrorCode = ErrorCodeOf<typeof AZURE_BLOB_ERROR_CODES>;
