import type { LinkedInErrorCode } from "../error-codes.js";
import { AuthExpiredError, RetryableError, TerminalError, parseRetryAfter, type HttpDeclaration, type HttpResponse } from "@abm-kit/destinations";
import { LinkedInActionRequiredError } from "../errors.js";
import type { LinkedInSettings } from "../settings.js";
import { describeEnvelope, envelopeOf } from "./error-envelope.js";

/** The token endpoint's path (under `authBaseUrl`). */
export const TOKEN_PATH = "/oauth/v2/accessToken";

/** Statuses worth asking again (besides 429). */
const RETRYABLE = new Set([408, 409, 423, 425, 500, 502, 503, 504]);

/** The error an answer of the token endpoint means, or `undefined` for a success. */
function classifyToken(response: HttpResponse): Error | undefined {
  const { status, what } = response;
  const envelope = envelopeOf(response.body);
  if (status === 400 && envelope.error === "invalid_grant") {
    return new LinkedInActionRequiredError(
      "LINKEDIN_REAUTHORIZATION_REQUIRED",
      "LinkedIn refused the refresh token (invalid_grant: it expired or was revoked; refresh tokens last 365 days from the first authorisation). Authorise the app again and set the new refresh token in the refreshToken setting.",
      "refreshToken",
    );
  }
  if (status === 401 || envelope.error === "invalid_client") {
    return new LinkedInActionRequiredError(
      "LINKEDIN_CLIENT_REJECTED",
      `LinkedIn refused the app's credentials (${what} returned ${status}, ${describeEnvelope(envelope)}). Check the clientId and clientSecret settings.`,
      "clientSecret",
    );
  }
  if (status === 429 || status === 408 || status >= 500)
    return new RetryableError<LinkedInErrorCode>(`HTTP_${status}`, `${what} returned ${status}`, { status });
  if (status < 200 || status >= 300)
    return new TerminalError<LinkedInErrorCode>(`LINKEDIN_OAUTH_${status}`, `${what} returned ${status} (${describeEnvelope(envelope)})`, { status });
  return undefined;
}

/**
 * The error a failed REST answer means: 401 → {@link AuthExpiredError} (the
 * runtime refreshes once and retries); 426 and 403 → {@link LinkedInActionRequiredError}
 * (the run stops); 429 → {@link RetryableError} waiting Retry-After or
 * `rateLimitWaitMs`; 408/409/423/425/5xx → retryable; any other status →
 * {@link TerminalError}. Messages carry LinkedIn's `code` / `serviceErrorCode` and message.
 */
export function restFailure(response: HttpResponse, settings: LinkedInSettings): Error {
  const { status, what } = response;
  const details = describeEnvelope(envelopeOf(response.body));
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
  const retryAfter = parseRetryAfter(response.headers.get("retry-after"), Date.parse(response.headers.get("date") ?? "") || 0);
  if (status === 429)
    return new RetryableError<LinkedInErrorCode>("RATE_LIMITED", `${what} returned 429 (${details})`, {
      status,
      retryAfterMs: retryAfter ?? settings.rateLimitWaitMs,
    });
  if (RETRYABLE.has(status))
    return new RetryableError<LinkedInErrorCode>(`HTTP_${status}`, `${what} returned ${status} (${details})`, {
      status,
      ...(retryAfter !== undefined ? { retryAfterMs: retryAfter } : {}),
    });
  return new TerminalError<LinkedInErrorCode>(`LINKEDIN_${status}`, `${what} returned ${status} (${details})`, { status });
}

/**
 * How the adapter talks to LinkedIn through `ctx.request`: REST calls under
 * `apiBaseUrl` with `LinkedIn-Version` and `X-Restli-Protocol-Version: 2.0.0`,
 * the bearer token of the run, the settings' timeout, and LinkedIn's error
 * envelopes classified for REST and for the token endpoint.
 */
export const linkedInHttp: HttpDeclaration<LinkedInSettings> = {
  baseUrl: (settings) => settings.apiBaseUrl,
  headers: (settings) => ({ "linkedin-version": settings.linkedInVersion, "x-restli-protocol-version": "2.0.0" }),
  timeoutMs: (settings) => settings.timeoutMs,
  rateLimitWaitMs: (settings) => settings.rateLimitWaitMs,
  classify: (response, settings) => {
    if (response.what.endsWith(` ${TOKEN_PATH}`)) return classifyToken(response);
    return response.status >= 200 && response.status < 300 ? undefined : restFailure(response, settings);
  },
};
