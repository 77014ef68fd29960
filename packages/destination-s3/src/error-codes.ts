import type { ErrorCodeOf } from "@abm-kit/core";

/** Every `code` of an error `@abm-kit/destination-s3` raises (besides the runtime's), with what it means. */
export const S3_ERROR_CODES = {
  NO_CREDENTIALS: "No credentials were given and none could be found (`TerminalError`).",
  HEAD_REFUSED: "S3 refused the check of an uploaded object (`RetryableError`).",
  NETWORK_ERROR: "The connection failed or timed out (`RetryableError`).",
  S3_REQUEST_FAILED: "A request failed with no S3 answer to go by (an unreadable body, a part without its ETag) (`RetryableError`).",
  "<S3 error code>":
    "S3's own error code, as S3 gave it (`SlowDown`, `InternalError`: retryable; `AccessDenied`, `NoSuchBucket`, `KMS.NotFoundException`: terminal).",
} as const;
/** A code of an error `@abm-kit/destination-s3` raises. */
export type S3ErrorCode = ErrorCodeOf<typeof S3_ERROR_CODES>;
