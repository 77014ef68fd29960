import type { GcsErrorCode } from "./error-codes.js";
import { AbmKitError } from "@abm-kit/core";
import { AuthExpiredError, RetryableError, TerminalError } from "@abm-kit/destinations";

/** Node, undici and gaxios codes for a connection that broke, never came up, or timed out. */
const NETWORK = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "ECONNABORTED",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_SOCKET",
  "ERR_STREAM_PREMATURE_CLOSE",
]);
const MAX_MESSAGE = 300;

interface LibraryErrorShape {
  name?: string;
  code?: number | string;
  status?: number;
  message?: string;
  errors?: { reason?: string; message?: string }[];
  response?: { status?: number; data?: { error?: { errors?: { reason?: string }[] } } };
  cause?: { code?: string };
}

/** Removes what could authorise a request from a message: resumable session ids and bearer tokens. */
export function scrub(message: string): string {
  return message.replace(/upload_id=[^&\s"'<>]+/g, "upload_id=[session]").replace(/Bearer\s+[^\s"',]+/gi, "Bearer [token]");
}

/** The HTTP status of a failure of the GCS client library, when it had an answer. */
export function statusOf(error: unknown): number | undefined {
  const e = (typeof error === "object" && error !== null ? error : {}) as LibraryErrorShape;
  if (typeof e.code === "number") return e.code;
  return e.status ?? e.response?.status;
}

/**
 * What a failure of the GCS client library (or the network under it) means
 * to the runtime: {@link AuthExpiredError} for 401 (an expired or revoked
 * token: refresh and try again), {@link RetryableError} for 408, 429, 5xx,
 * resets, timeouts and unreadable answers, {@link TerminalError} for the
 * rest (403 forbidden, 404 no such bucket, 400 invalid request, 412 failed
 * precondition). Messages carry the operation, status, GCS reason and GCS's
 * message, never a token or a resumable session URI.
 */
export function toDeliveryError(error: unknown, operation: string): Error {
  if (error instanceof AbmKitError) return error;
  const e = (typeof error === "object" && error !== null ? error : {}) as LibraryErrorShape;
  const status = statusOf(error);
  const reason = e.errors?.[0]?.reason ?? e.response?.data?.error?.errors?.[0]?.reason;
  const network = typeof e.code === "string" ? e.code : e.cause?.code;
  const detail = scrub((e.message ?? String(error)).slice(0, MAX_MESSAGE));
  const message = `${operation}: ${status !== undefined ? `GCS answered ${status} ` : ""}${reason !== undefined ? `${reason}: ` : ""}${detail}`;
  if (status === 401) return new AuthExpiredError(message);
  if (status !== undefined && (status >= 500 || status === 408 || status === 429))
    return new RetryableError<GcsErrorCode>(reason ?? `HTTP_${status}`, message, { status });
  if (status !== undefined && status >= 400) return new TerminalError<GcsErrorCode>(reason ?? `HTTP_${status}`, message, { status });
  if (network !== undefined && NETWORK.has(network)) return new RetryableError<GcsErrorCode>("NETWORK_ERROR", message);
  // No answer to go by (a timeout, a reset, an unreadable body, an interrupted stream): try again.
  return new RetryableError<GcsErrorCode>("GCS_REQUEST_FAILED", message);
}
