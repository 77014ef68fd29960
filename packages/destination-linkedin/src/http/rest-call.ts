import { AuthExpiredError, parseRetryAfter, RetryableError, TerminalError } from "@abm-kit/destinations";
import { LinkedInActionRequiredError } from "../errors.js";
import type { LinkedInSettings } from "../settings.js";
import { describeEnvelope, envelopeOf } from "./error-envelope.js";
import { describeCall, sendRequest, type HttpAnswer } from "./send-request.js";

/** What a REST call needs: settings, the current access token and the run's signal. */
export interface LinkedInSession {
  readonly settings: LinkedInSettings;
  readonly accessToken: string | undefined;
  readonly signal: AbortSignal;
}

/** One call to `https://api.linkedin.com/rest/…`. */
export interface RestCall {
  readonly method: "GET" | "POST";
  /** Path under the API host, starting with `/rest/`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly json?: unknown;
  /** Sends `X-RestLi-Method: BATCH_CREATE` (a body of `{ elements: […] }`). */
  readonly batchCreate?: boolean;
  /** Statuses handed back to the caller instead of raising (a 404 the caller handles). */
  readonly accept?: readonly number[];
}

/** Statuses worth asking again (besides 429). */
const RETRYABLE = new Set([408, 409, 423, 425, 500, 502, 503, 504]);

/**
 * Calls the LinkedIn REST API with the headers every call needs
 * (`Authorization: Bearer`, `LinkedIn-Version`, `X-Restli-Protocol-Version: 2.0.0`,
 * and `X-RestLi-Method` for batches) and classifies failures:
 * 401 → {@link AuthExpiredError} (the runtime refreshes once and retries);
 * 426 and 403 → {@link LinkedInActionRequiredError} (the run stops);
 * 429 → {@link RetryableError} waiting Retry-After or `rateLimitWaitMs`;
 * 408/409/423/425/5xx, timeouts, resets and unreadable 2xx bodies → retryable;
 * any other status → {@link TerminalError}.
 */
export async function restCall(session: LinkedInSession, call: RestCall): Promise<HttpAnswer> {
  const { settings } = session;
  const query = call.query === undefined ? "" : `?${new URLSearchParams(call.query as Record<string, string>).toString()}`;
  const url = `${settings.apiBaseUrl}${call.path}${query}`;
  const headers: Record<string, string> = {
    authorization: `Bearer ${session.accessToken ?? ""}`,
    "linkedin-version": settings.linkedInVersion,
    "x-restli-protocol-version": "2.0.0",
  };
  if (call.batchCreate) headers["x-restli-method"] = "BATCH_CREATE";
  const answer = await sendRequest({ method: call.method, url, headers, json: call.json, timeoutMs: settings.timeoutMs, signal: session.signal });
  const what = describeCall({ method: call.method, url });
  if (call.accept?.includes(answer.status)) return answer;
  if (answer.status >= 200 && answer.status < 300) {
    if (answer.malformed) throw new RetryableError("MALFORMED_RESPONSE", `${what} returned a body that is not JSON`, { status: answer.status });
    return answer;
  }
  throw restFailure(what, answer, settings);
}

/** The error a failed REST answer means (see {@link restCall}). */
export function restFailure(what: string, answer: HttpAnswer, settings: LinkedInSettings): Error {
  const { status } = answer;
  const envelope = envelopeOf(answer.body);
  const details = describeEnvelope(envelope);
  if (status === 401) return new AuthExpiredError(`${what} returned 401 (${details})`);
  if (status === 426) {
    return new LinkedInActionRequiredError(
      "LINKEDIN_VERSION_SUNSET",
      `LinkedIn no longer serves API version ${settings.linkedInVersion} (${what} returned 426, ${details}). Set the linkedInVersion setting to a version of the last 12 months (YYYYMM); see https://learn.microsoft.com/en-us/linkedin/marketing/versioning.`,
      "linkedInVersion",
    );
  }
  if (status === 403) {
    return new LinkedInActionRequiredError(
      "LINKEDIN_ACCESS_DENIED",
      `LinkedIn refused access (${what} returned 403, ${details}). The authorised member needs the rw_dmp_segments permission and a role other than VIEWER on ad account ${settings.adAccountId} (setting adAccountId).`,
      "adAccountId",
    );
  }
  const retryAfter = parseRetryAfter(answer.headers.get("retry-after"), Date.parse(answer.headers.get("date") ?? "") || 0);
  if (status === 429) {
    return new RetryableError("RATE_LIMITED", `${what} returned 429 (${details})`, { status, retryAfterMs: retryAfter ?? settings.rateLimitWaitMs });
  }
  if (RETRYABLE.has(status)) {
    return new RetryableError(`HTTP_${status}`, `${what} returned ${status} (${details})`, { status, ...(retryAfter !== undefined ? { retryAfterMs: retryAfter } : {}) });
  }
  return new TerminalError(`LINKEDIN_${status}`, `${what} returned ${status} (${details})`, { status });
}
