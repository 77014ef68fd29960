import type { LinkedInErrorCode } from "../error-codes.js";
import { RetryableError, type AdapterContext, type AuthState } from "@abm-kit/destinations";
import { TOKEN_PATH } from "../http/linkedin-http.js";
import type { LinkedInSettings } from "../settings.js";

interface TokenAnswer {
  access_token?: unknown;
  expires_in?: unknown;
  refresh_token?: unknown;
}

/**
 * Exchanges the refresh token for an access token (`POST
 * {authBaseUrl}/oauth/v2/accessToken`, form-encoded
 * `grant_type=refresh_token&refresh_token&client_id&client_secret`) with
 * `ctx.request`. `invalid_grant` stops the run (authorise the app again);
 * `invalid_client` stops it naming `clientId` / `clientSecret`; 429, 5xx and
 * network failures are retryable (see `linkedInHttp`). A refresh token
 * LinkedIn hands back is kept in `extra.refreshToken` for later refreshes in the same run.
 */
export async function refreshAccessToken(
  ctx: Pick<AdapterContext<LinkedInSettings>, "settings" | "request" | "now">,
  refreshToken: string,
): Promise<AuthState> {
  const { settings } = ctx;
  const answer = await ctx.request({
    method: "POST",
    path: `${settings.authBaseUrl}${TOKEN_PATH}`,
    form: { grant_type: "refresh_token", refresh_token: refreshToken, client_id: settings.clientId, client_secret: settings.clientSecret },
    auth: false,
  });
  const body = (answer.body ?? {}) as TokenAnswer;
  if (typeof body.access_token !== "string" || body.access_token === "") {
    throw new RetryableError<LinkedInErrorCode>("MALFORMED_RESPONSE", `${answer.what} returned no access_token`, { status: answer.status });
  }
  const expiresIn = typeof body.expires_in === "number" && Number.isFinite(body.expires_in) ? body.expires_in : undefined;
  const expiresAt = expiresIn === undefined ? undefined : new Date(Date.parse(ctx.now) + expiresIn * 1000).toISOString();
  const nextRefresh = typeof body.refresh_token === "string" && body.refresh_token !== "" ? body.refresh_token : refreshToken;
  return { accessToken: body.access_token, ...(expiresAt !== undefined ? { expiresAt } : {}), extra: { refreshToken: nextRefresh } };
}
