import type { SalesforceErrorCode } from "../error-codes.js";
import { RetryableError, type AdapterContext, type AuthState } from "@abm-kit/destinations";
import { TOKEN_PATH } from "../http/salesforce-http.js";
import type { SalesforceSettings } from "../settings.js";
import { claimsAt, jwtAssertion } from "./jwt-assertion.js";

interface TokenAnswer {
  access_token?: unknown;
  instance_url?: unknown;
}

/** The form of the token request for the configured flow. */
export function tokenForm(settings: SalesforceSettings, now: string): Record<string, string> {
  const auth = settings.auth;
  switch (auth.flow) {
    case "clientCredentials":
      return { grant_type: "client_credentials", client_id: auth.clientId, client_secret: auth.clientSecret };
    case "jwtBearer":
      return {
        grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
        assertion: jwtAssertion(claimsAt(now, auth.clientId, auth.username, auth.audience), auth.privateKey),
      };
    case "refreshToken":
      return {
        grant_type: "refresh_token",
        client_id: auth.clientId,
        refresh_token: auth.refreshToken,
        ...(auth.clientSecret !== undefined ? { client_secret: auth.clientSecret } : {}),
      };
  }
}

/**
 * Obtains an access token (`POST {loginUrl}/services/oauth2/token`) with the
 * configured flow — client credentials, JWT bearer (RS256) or refresh token —
 * and keeps the org's `instance_url` for every later call. Refused
 * credentials stop the run naming the `auth` setting; 5xx, 429, network
 * failures and unreadable answers are retryable.
 */
export async function authenticate(ctx: Pick<AdapterContext<SalesforceSettings>, "settings" | "request" | "now">): Promise<AuthState> {
  const answer = await ctx.request({ method: "POST", path: TOKEN_PATH, form: tokenForm(ctx.settings, ctx.now), auth: false });
  const body = (answer.body ?? {}) as TokenAnswer;
  if (typeof body.access_token !== "string" || body.access_token === "")
    throw new RetryableError<SalesforceErrorCode>("MALFORMED_RESPONSE", `${answer.what} returned no access_token`, { status: answer.status });
  if (typeof body.instance_url !== "string" || !/^https?:\/\//.test(body.instance_url))
    throw new RetryableError<SalesforceErrorCode>("MALFORMED_RESPONSE", `${answer.what} returned no instance_url`, { status: answer.status });
  return { accessToken: body.access_token, extra: { instanceUrl: body.instance_url.replace(/\/+$/, "") } };
}
