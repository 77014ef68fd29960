import type { S3ErrorCode } from "./error-codes.js";
import { AbmKitError } from "@abm-kit/core";
import { AuthExpiredError, RetryableError, TerminalError } from "@abm-kit/destinations";

/** S3 error codes that mean the credentials expired: refresh them and try again. */
const EXPIRED = new Set(["ExpiredToken", "ExpiredTokenException", "TokenRefreshRequired"]);
/** S3 error codes worth retrying (S3 error responses reference; 5xx are retried whatever their code). */
const RETRYABLE = new Set([
  "SlowDown",
  "InternalError",
  "ServiceUnavailable",
  "RequestTimeout",
  "RequestTimeoutException",
  "Throttling",
  "ThrottlingException",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "OperationAborted",
  "RequestTimeTooSkewed",
]);
/** Node and undici network error codes: the connection broke or never came up. */
const NETWORK = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "ECONNABORTED", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "UND_ERR_SOCKET"]);

interface SdkErrorShape {
  name?: string;
  code?: string;
  message?: string;
  Code?: string;
  $fault?: "client" | "server";
  $metadata?: { httpStatusCode?: number };
  $retryable?: unknown;
}

const MAX_MESSAGE = 300;

/**
 * What an AWS SDK (or network) failure means to the runtime: an
 * {@link AuthExpiredError} for expired credentials, a {@link RetryableError}
 * for throttling (SlowDown), 5xx, timeouts, resets and unreadable answers, a
 * {@link TerminalError} for the rest (access denied, no such bucket, bad
 * KMS key). Messages carry the operation, status and S3 error code, never
 * the request.
 */
export function toDeliveryError(error: unknown, operation: string): Error {
  if (error instanceof AbmKitError) return error;
  const e = (typeof error === "object" && error !== null ? error : {}) as SdkErrorShape;
  const status = e.$metadata?.httpStatusCode;
  const code = e.Code ?? (typeof e.name === "string" && e.name !== "Error" ? e.name : undefined) ?? e.code ?? "UNKNOWN";
  const detail = (e.message ?? String(error)).slice(0, MAX_MESSAGE);
  const message = `${operation}: ${status !== undefined ? `S3 answered ${status} ` : ""}${code}: ${detail}`;
  if (EXPIRED.has(code)) return new AuthExpiredError(message);
  if (RETRYABLE.has(code) || (status !== undefined && (status >= 500 || status === 408 || status === 429)) || e.$retryable !== undefined) {
    return new RetryableError(code, message, status !== undefined ? { status } : {});
  }
  if (NETWORK.has(e.code ?? "") || NETWORK.has(code) || code === "TimeoutError" || code === "AbortError" || code === "RequestTimeout") {
    return new RetryableError<S3ErrorCode>("NETWORK_ERROR", message);
  }
  if (status !== undefined && status >= 400) return new TerminalError(code, message, { status });
  // No S3 answer to go by (an unreadable body, a part without its ETag, a broken stream): try again.
  return new RetryableError<S3ErrorCode>("S3_REQUEST_FAILED", message);
}
