import { RetryableError } from "@abm-kit/destinations";

/** One HTTP call to LinkedIn. */
export interface HttpCall {
  readonly method: "GET" | "POST";
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** A JSON body. */
  readonly json?: unknown;
  /** A form-encoded body (the OAuth token endpoint). */
  readonly form?: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
}

/** What came back: the status, headers and the body parsed as JSON (`undefined` when empty or not JSON). */
export interface HttpAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
  /** True when a non-empty body was not JSON. */
  readonly malformed: boolean;
}

/** `METHOD /path` of a call, for messages (no host, query, header or body). */
export function describeCall(call: Pick<HttpCall, "method" | "url">): string {
  return `${call.method} ${new URL(call.url).pathname}`;
}

/**
 * Makes one HTTP call and returns whatever status it gets. A network error, a
 * timeout or a body cut off raises a {@link RetryableError}; aborting the run
 * raises the abort. Nothing from headers or bodies goes into messages.
 */
export async function sendRequest(call: HttpCall): Promise<HttpAnswer> {
  const timeout = AbortSignal.timeout(call.timeoutMs);
  const signal = AbortSignal.any([call.signal, timeout]);
  const what = describeCall(call);
  const headers: Record<string, string> = { accept: "application/json", ...call.headers };
  let body: string | undefined;
  if (call.form !== undefined) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(call.form as Record<string, string>).toString();
  } else if (call.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(call.json);
  }
  let response: Response;
  let text: string;
  try {
    response = await fetch(call.url, { method: call.method, headers, body, signal });
    text = await response.text();
  } catch (error) {
    if (call.signal.aborted) throw error;
    if (timeout.aborted) throw new RetryableError("TIMEOUT", `${what} timed out after ${call.timeoutMs} ms`);
    throw new RetryableError("NETWORK_ERROR", `${what} failed: ${networkReason(error)}`);
  }
  if (text.trim() === "") return { status: response.status, headers: response.headers, body: undefined, malformed: false };
  try {
    return { status: response.status, headers: response.headers, body: JSON.parse(text) as unknown, malformed: false };
  } catch {
    return { status: response.status, headers: response.headers, body: undefined, malformed: true };
  }
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return cause !== undefined && typeof cause.code === "string" ? cause.code : "network error";
}
