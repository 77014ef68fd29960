import type { DestinationsErrorCode } from "../error-codes.js";
import { AuthExpiredError, RetryableError, TerminalError } from "../errors.js";
import { parseRetryAfter } from "../runtime/backoff.js";

/** A JSON request an adapter makes. */
export interface JsonRequest {
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  /** Gives up (retryably) after this long; default 30 s. */
  readonly timeoutMs?: number;
  readonly signal: AbortSignal;
}

/** A response with its parsed JSON body. */
export interface JsonResponse<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

/** Statuses a service may answer differently if asked again. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 409, 423, 425, 429, 500, 502, 503, 504]);

/**
 * Makes a JSON request and classifies failures the way the runtime expects:
 * network errors, timeouts, retryable statuses (honouring Retry-After) and
 * unreadable bodies raise {@link RetryableError}; 401 raises
 * {@link AuthExpiredError}; other non-2xx raise {@link TerminalError}. Messages
 * carry the method, path and status, never headers or bodies.
 */
export async function requestJson<T = unknown>(request: JsonRequest): Promise<JsonResponse<T>> {
  const timeout = AbortSignal.timeout(request.timeoutMs ?? 30_000);
  const signal = AbortSignal.any([request.signal, timeout]);
  const what = `${request.method} ${new URL(request.url).pathname}`;
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: { accept: "application/json", ...(request.body !== undefined ? { "content-type": "application/json" } : {}), ...request.headers },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal,
    });
  } catch (error) {
    if (request.signal.aborted) throw error;
    if (timeout.aborted) throw new RetryableError<DestinationsErrorCode>("TIMEOUT", `${what} timed out`);
    throw new RetryableError<DestinationsErrorCode>("NETWORK_ERROR", `${what} failed: ${networkReason(error)}`);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    if (request.signal.aborted) throw error;
    throw new RetryableError(timeout.aborted ? "TIMEOUT" : "NETWORK_ERROR", `${what}: the response was cut off`);
  }
  const status = response.status;
  if (status === 401) throw new AuthExpiredError(`${what} returned 401`);
  if (RETRYABLE_STATUSES.has(status)) {
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), Date.parse(response.headers.get("date") ?? "") || 0);
    throw new RetryableError<DestinationsErrorCode>(`HTTP_${status}`, `${what} returned ${status}`, {
      status,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }
  if (status < 200 || status >= 300) throw new TerminalError<DestinationsErrorCode>(`HTTP_${status}`, `${what} returned ${status}`, { status });
  if (text === "") return { status, headers: response.headers, body: undefined as T };
  try {
    return { status, headers: response.headers, body: JSON.parse(text) as T };
  } catch {
    throw new RetryableError<DestinationsErrorCode>("MALFORMED_RESPONSE", `${what} returned a body that is not JSON`, { status });
  }
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } })?.cause;
  if (cause && typeof cause.code === "string") return cause.code;
  return "network error";
}
