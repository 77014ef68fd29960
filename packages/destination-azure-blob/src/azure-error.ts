import type { AzureBlobErrorCode } from "./error-codes.js";
import { AbmKitError } from "@abm-kit/core";
import { AuthExpiredError, RetryableError, TerminalError } from "@abm-kit/destinations";

const NETWORK = new Set(["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EPIPE", "EAI_AGAIN", "ENOTFOUND", "UND_ERR_SOCKET", "REQUEST_SEND_ERROR", "PARSE_ERROR"]);

/** The HTTP status of an Azure SDK error (`RestError`), if it carries one. */
export function azureStatusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === "number" ? status : undefined;
}

/** The storage error code (`BlobNotFound`, `AuthenticationFailed`, …) of an Azure SDK error, if any. */
function azureCodeOf(error: unknown): string | undefined {
  const e = error as { details?: { errorCode?: unknown }; code?: unknown } | null;
  const code = e?.details?.errorCode ?? e?.code;
  return typeof code === "string" && /^[A-Za-z0-9_]{1,64}$/.test(code) ? code : undefined;
}

/** True for "no such blob": a missing object, not a failure. */
export const isMissing = (error: unknown) => azureStatusOf(error) === 404 && azureCodeOf(error) !== "ContainerNotFound";

/**
 * What an Azure Blob failure means to the runtime: 401 (an expired or
 * revoked token) and 403 `AuthenticationFailed` / `AuthorizationFailure`
 * (an expired token or SAS, a rotated key) are {@link AuthExpiredError} —
 * the runtime obtains the login again once, then gives up; 408, 429,
 * 5xx, resets, timeouts and unreadable answers are retried
 * ({@link RetryableError}); other 4xx (a missing container, a bad request)
 * stop the file ({@link TerminalError}). The message names the operation,
 * the status and the storage error code only — never the SDK's message,
 * which may quote the request URL and with it a SAS signature.
 */
export function toDeliveryError(error: unknown, operation: string): Error {
  if (error instanceof AbmKitError) return error;
  const status = azureStatusOf(error);
  const code = azureCodeOf(error);
  const name = (error as { name?: unknown } | null)?.name;
  const message = `${operation}: ${status !== undefined ? `HTTP ${status}` : "request failed"}${code !== undefined ? ` ${code}` : ""}${name === "AbortError" ? " (timed out)" : ""}`;
  if (status === 401 || (status === 403 && (code === "AuthenticationFailed" || code === "AuthorizationFailure"))) return new AuthExpiredError(message);
  if (status !== undefined && (status >= 500 || status === 408 || status === 429))
    return new RetryableError<AzureBlobErrorCode>(code ?? `HTTP_${status}`, message, { status });
  if (status !== undefined && status >= 400) return new TerminalError<AzureBlobErrorCode>(code ?? `HTTP_${status}`, message, { status });
  if (code !== undefined && NETWORK.has(code)) return new RetryableError<AzureBlobErrorCode>("NETWORK_ERROR", message);
  return new RetryableError<AzureBlobErrorCode>("AZURE_REQUEST_FAILED", message);
}
