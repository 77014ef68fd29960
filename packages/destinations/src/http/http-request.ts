import type { DestinationsErrorCode } from "../error-codes.js";
import { AuthExpiredError, RetryableError, TerminalError } from "../errors.js";
import { parseRetryAfter } from "../runtime/backoff.js";
import { RETRYABLE_STATUSES } from "./request-json.js";

/** One HTTP request an adapter makes with `ctx.request`. */
export interface HttpRequest {
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** A path under the destination's `http.baseUrl` (`/rest/segments`), or an absolute `http(s)://` URL. */
  readonly path: string;
  /** Query parameters (`undefined` values are left out). */
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly headers?: Readonly<Record<string, string>>;
  /** A JSON body (sent with `content-type: application/json`). */
  readonly json?: unknown;
  /** A form body (sent `application/x-www-form-urlencoded`: OAuth token endpoints). */
  readonly form?: Readonly<Record<string, string>>;
  /** A raw text body (a CSV upload), sent as is; give its `content-type` in `headers` (default `text/plain`). */
  readonly text?: string;
  /** Send the run's auth header (default true; false for the token request itself). */
  readonly auth?: boolean;
  /** Statuses handed back as responses instead of being classified as failures (a 404 the adapter handles). */
  readonly accept?: readonly number[];
  /** Overrides the destination's timeout for this request. */
  readonly timeoutMs?: number;
}

/** What came back. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  /** The body parsed as JSON; `undefined` when empty or not JSON. */
  readonly body: unknown;
  /** The raw body. */
  readonly text: string;
  /** True when a non-empty body is not JSON. */
  readonly malformed: boolean;
  /** `METHOD /path` for messages (no host, query, header or body). */
  readonly what: string;
}

/**
 * How a destination talks HTTP (declare it and `ctx.request` is ready): the
 * base URL, the auth header made from the run's credentials, the timeout,
 * the wait on a 429 that names none, and a `classify` hook for the service's
 * own error envelopes. Each request `ctx.request` makes is counted in
 * `report.requests` and passes the rate limiter.
 */
export interface HttpDeclaration<Settings> {
  readonly baseUrl: (settings: Settings) => string;
  /** Headers every request carries (an API version). */
  readonly headers?: (settings: Settings) => Readonly<Record<string, string>>;
  /** The auth header(s) from the run's credentials; default `authorization: Bearer <accessToken>`. */
  readonly authHeaders?: (
    auth: { readonly accessToken: string; readonly extra?: Readonly<Record<string, string>> },
    settings: Settings,
  ) => Readonly<Record<string, string>>;
  /** Per-request timeout; default 30 s. A timeout is retryable. */
  readonly timeoutMs?: (settings: Settings) => number;
  /** How long to wait after a 429 without Retry-After; default the retry policy's backoff. */
  readonly rateLimitWaitMs?: (settings: Settings) => number;
  /**
   * Looks at every response first (2xx included) and returns the error it
   * means (`AuthExpiredError`, `RetryableError`, `TerminalError`,
   * `StopRunError`), or `undefined` to let the default rules decide:
   * 2xx ok (an unreadable body retryable), 401 `AuthExpiredError`, 429 and
   * 408/409/423/425/5xx retryable (honouring Retry-After), others terminal.
   */
  readonly classify?: (response: HttpResponse, settings: Settings) => Error | undefined;
}

/** What {@link createRequester} needs from the run. */
export interface RequesterDeps<Settings> {
  readonly http: HttpDeclaration<Settings>;
  readonly settings: Settings;
  readonly auth: () => { readonly accessToken: string; readonly extra?: Readonly<Record<string, string>> } | undefined;
  readonly signal: AbortSignal;
  /** Called before each request goes out: waits for the rate limiter and counts the request. */
  readonly beforeRequest: () => Promise<void>;
}

/** The `ctx.request` function: one HTTP request, classified. */
export type RequestFn = (request: HttpRequest) => Promise<HttpResponse>;

function urlOf(base: string, request: HttpRequest): string {
  const absolute = /^https?:\/\//i.test(request.path);
  const url = new URL(absolute ? request.path : `${base.replace(/\/+$/, "")}${request.path.startsWith("/") ? "" : "/"}${request.path}`);
  for (const [k, v] of Object.entries(request.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
  return url.toString();
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return cause !== undefined && typeof cause.code === "string" ? cause.code : "network error";
}

/** Makes the `ctx.request` of a run (see {@link HttpDeclaration}). */
export function createRequester<Settings>(deps: RequesterDeps<Settings>): RequestFn {
  const { http, settings } = deps;
  return async (request) => {
    const url = urlOf(http.baseUrl(settings), request);
    const what = `${request.method} ${new URL(url).pathname}`;
    const headers: Record<string, string> = { accept: "application/json", ...http.headers?.(settings) };
    const auth = deps.auth();
    if (request.auth !== false && auth !== undefined)
      Object.assign(headers, http.authHeaders?.(auth, settings) ?? { authorization: `Bearer ${auth.accessToken}` });
    let body: string | undefined;
    if (request.form !== undefined) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(request.form as Record<string, string>).toString();
    } else if (request.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(request.json);
    } else if (request.text !== undefined) {
      headers["content-type"] = "text/plain; charset=utf-8";
      body = request.text;
    }
    Object.assign(headers, request.headers);
    const timeoutMs = request.timeoutMs ?? http.timeoutMs?.(settings) ?? 30_000;
    await deps.beforeRequest();
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = AbortSignal.any([deps.signal, timeout]);
    let raw: Response;
    let text: string;
    try {
      raw = await fetch(url, { method: request.method, headers, body, signal });
      text = await raw.text();
    } catch (error) {
      if (deps.signal.aborted) throw error;
      if (timeout.aborted) throw new RetryableError<DestinationsErrorCode>("TIMEOUT", `${what} timed out after ${timeoutMs} ms`);
      throw new RetryableError<DestinationsErrorCode>("NETWORK_ERROR", `${what} failed: ${networkReason(error)}`);
    }
    let parsed: unknown;
    let malformed = false;
    if (text.trim() !== "") {
      try {
        parsed = JSON.parse(text);
      } catch {
        malformed = true;
      }
    }
    const response: HttpResponse = { status: raw.status, headers: raw.headers, body: parsed, text, malformed, what };
    if (request.accept?.includes(response.status)) return response;
    const classified = http.classify?.(response, settings);
    if (classified !== undefined) throw classified;
    const { status } = response;
    if (status >= 200 && status < 300) {
      if (malformed) throw new RetryableError<DestinationsErrorCode>("MALFORMED_RESPONSE", `${what} returned a body that is not JSON`, { status });
      return response;
    }
    if (status === 401) throw new AuthExpiredError(`${what} returned 401`);
    if (status === 429 || RETRYABLE_STATUSES.has(status)) {
      const retryAfter = parseRetryAfter(raw.headers.get("retry-after"), Date.parse(raw.headers.get("date") ?? "") || 0);
      const wait = retryAfter ?? (status === 429 ? http.rateLimitWaitMs?.(settings) : undefined);
      throw new RetryableError<DestinationsErrorCode>(status === 429 ? "RATE_LIMITED" : `HTTP_${status}`, `${what} returned ${status}`, {
        status,
        ...(wait !== undefined ? { retryAfterMs: wait } : {}),
      });
    }
    throw new TerminalError<DestinationsErrorCode>(`HTTP_${status}`, `${what} returned ${status}`, { status });
  };
}
