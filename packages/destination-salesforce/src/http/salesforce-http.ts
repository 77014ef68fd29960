import type { SalesforceErrorCode } from "../error-codes.js";
import { AuthExpiredError, RetryableError, StopRunError, TerminalError, parseRetryAfter, type HttpDeclaration, type HttpResponse } from "@abm-kit/destinations";
import { parseLimitInfo } from "../api-usage.js";
import { SalesforceActionRequiredError } from "../errors.js";
import type { SalesforceSettings } from "../settings.js";
import { describeErrors, errorsOf } from "./error-array.js";

/** The token endpoint's path (under `loginUrl`). */
export const TOKEN_PATH = "/services/oauth2/token";

/** Errors Salesforce documents as transient: record lock contention, and its own server trouble. */
const TRANSIENT_CODES = new Set(["UNABLE_TO_LOCK_ROW", "SERVER_UNAVAILABLE", "REQUEST_RUNNING_TOO_LONG"]);
const RETRYABLE_STATUSES = new Set([408, 409, 423, 425, 429, 500, 502, 503, 504]);

function classifyToken(response: HttpResponse): Error | undefined {
  const { status, what } = response;
  if (status >= 200 && status < 300) return undefined;
  const errors = errorsOf(response.body);
  if (status === 400 || status === 401) {
    return new SalesforceActionRequiredError(
      "SALESFORCE_AUTH_REJECTED",
      `Salesforce refused the credentials (${what} returned ${status}, ${describeErrors(errors)}). Check the auth setting (client id, secret, username, private key or refresh token) and the connected app's policies.`,
      "auth",
    );
  }
  if (RETRYABLE_STATUSES.has(status))
    return new RetryableError<SalesforceErrorCode>(status === 429 ? "RATE_LIMITED" : `HTTP_${status}`, `${what} returned ${status}`, { status });
  return new TerminalError<SalesforceErrorCode>(`SALESFORCE_OAUTH_${status}`, `${what} returned ${status} (${describeErrors(errors)})`, { status });
}

/**
 * The error a failed REST answer means: 401 (`INVALID_SESSION_ID`) →
 * {@link AuthExpiredError} (refresh once, retry); 403 `REQUEST_LIMIT_EXCEEDED`
 * (the org's daily API limit) → {@link StopRunError}, resumable; other 403 →
 * {@link SalesforceActionRequiredError}; `UNABLE_TO_LOCK_ROW`, 429 and 5xx →
 * retryable; anything else → {@link TerminalError} carrying Salesforce's codes.
 */
export function restFailure(response: HttpResponse): Error {
  const { status, what } = response;
  const errors = errorsOf(response.body);
  const details = describeErrors(errors);
  if (status === 401) return new AuthExpiredError(`${what} returned 401 (${details})`);
  if (errors.some((e) => e.errorCode === "REQUEST_LIMIT_EXCEEDED")) {
    const usage = parseLimitInfo(response.headers.get("sforce-limit-info"));
    const counted = usage === undefined ? "" : ` (${usage.used} of ${usage.limit} requests used)`;
    return new StopRunError<SalesforceErrorCode>(
      "SALESFORCE_DAILY_LIMIT",
      `The run stopped: the Salesforce org's daily API request limit is used up${counted} (${what} returned ${status}, ${details}). Progress is kept; run the plan again once the rolling 24-hour limit has room and it resumes from its checkpoint.`,
    );
  }
  if (status === 403) {
    return new SalesforceActionRequiredError(
      "SALESFORCE_ACCESS_DENIED",
      `Salesforce refused access (${what} returned 403, ${details}). The user needs the API Enabled permission and access to the objects and fields the plan writes.`,
      "auth",
    );
  }
  if (errors.some((e) => TRANSIENT_CODES.has(e.errorCode)) || RETRYABLE_STATUSES.has(status)) {
    const retryAfter = parseRetryAfter(response.headers.get("retry-after"), Date.parse(response.headers.get("date") ?? "") || 0);
    return new RetryableError<SalesforceErrorCode>(status === 429 ? "RATE_LIMITED" : `HTTP_${status}`, `${what} returned ${status} (${details})`, {
      status,
      ...(retryAfter !== undefined ? { retryAfterMs: retryAfter } : {}),
    });
  }
  return new TerminalError<SalesforceErrorCode>(`SALESFORCE_${errors[0]?.errorCode ?? status}`, `${what} returned ${status} (${details})`, { status });
}

/**
 * How the adapter talks to Salesforce through `ctx.request`: the token
 * endpoint under `loginUrl`, REST and Bulk calls under the token's
 * `instance_url` (absolute URLs), the bearer token of the run, the settings'
 * timeout, and Salesforce's error arrays classified.
 */
export const salesforceHttp: HttpDeclaration<SalesforceSettings> = {
  baseUrl: (settings) => settings.loginUrl,
  timeoutMs: (settings) => settings.timeoutMs,
  classify: (response) => {
    if (response.what.endsWith(` ${TOKEN_PATH}`)) return classifyToken(response);
    return response.status >= 200 && response.status < 300 ? undefined : restFailure(response);
  },
};
