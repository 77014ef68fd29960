import { RetryableError, TerminalError, type AuthState } from "@abm-kit/destinations";
import { LinkedInActionRequiredError } from "../errors.js";
import { describeEnvelope, envelopeOf } from "../http/error-envelope.js";
import { describeCall, sendRequest } from "../http/send-request.js";
import type { LinkedInSettings } from "../settings.js";

interface TokenAnswer {
  access_token?: unknown;
  expires_in?: unknown;
  refresh_token?: unknown;
  refresh_token_expires_in?: unknown;
}

/**
 * Exchanges the refresh token for an access token (`POST
 * {authBaseUrl}/oauth/v2/accessToken`, form-encoded
 * `grant_type=refresh_token&refresh_token&client_id&client_secret`).
 * `invalid_grant` stops the run (authorise the app again); `invalid_client`
 * stops it naming `clientId` / `clientSecret`; 429, 5xx and network failures
 * are retryable. A refresh token LinkedIn hands back is kept in
 * `extra.refreshToken` for later refreshes in the same run.
 */
export async function refreshAccessToken(
  settings: LinkedInSettings,
  refreshToken: string,
  options: { readonly signal: AbortSignal; readonly now: string },
): Promise<AuthState> {
  const url = `${settings.authBaseUrl}/oauth/v2/accessToken`;
  const what = describeCall({ method: "POST", url });
  const answer = await sendRequest({
    method: "POST",
    url,
    form: { grant_type: "refresh_token", refresh_token: refreshToken, client_id: settings.clientId, client_secret: settings.clientSecret },
    timeoutMs: settings.timeoutMs,
    signal: options.signal,
  });
  const { status } = answer;
  const envelope = envelopeOf(answer.body);
  if (status === 400 && envelope.error === "invalid_grant") {
    throw new LinkedInActionRequiredError(
      "LINKEDIN_REAUTHORIZATION_REQUIRED",
      "LinkedIn refused the refresh token (invalid_grant: it expired or was revoked; refresh tokens last 365 days from the first authorisation). Authorise the app again and set the new refresh token in the refreshToken setting.",
      "refreshToken",
    );
  }
  if (status === 401 || envelope.error === "invalid_client") {
    throw new LinkedInActionRequiredError(
      "LINKEDIN_CLIENT_REJECTED",
      `LinkedIn refused the app's credentials (${what} returned ${status}, ${describeEnvelope(envelope)}). Check the clientId and clientSecret settings.`,
      "clientSecret",
    );
  }
  if (status === 429 || status === 408 || status >= 500) throw new RetryableError(`HTTP_${status}`, `${what} returned ${status}`, { status });
  if (status < 200 || status >= 300) throw new TerminalError(`LINKEDIN_OAUTH_${status}`, `${what} returned ${status} (${describeEnvelope(envelope)})`, { status });
  if (answer.malformed) throw new RetryableError("MALFORMED_RESPONSE", `${what} returned a body that is not JSON`, { status });
  const body = (answer.body ?? {}) as TokenAnswer;
  if (typeof body.access_token !== "string" || body.access_token === "") {
    throw new RetryableError("MALFORMED_RESPONSE", `${what} returned no access_token`, { status });
  }
  const expiresIn = typeof body.expires_in === "number" && Number.isFinite(body.expires_in) ? body.expires_in : undefined;
  const expiresAt = expiresIn === undefined ? undefined : new Date(Date.parse(options.now) + expiresIn * 1000).toISOString();
  const nextRefresh = typeof body.refresh_token === "string" && body.refresh_token !== "" ? body.refresh_token : refreshToken;
  return { accessToken: body.access_token, ...(expiresAt !== undefined ? { expiresAt } : {}), extra: { refreshToken: nextRefresh } };
}
