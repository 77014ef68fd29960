import type { MarketoErrorCode } from "../error-codes.js";
import { RetryableError, type AdapterContext, type AuthState } from "@abm-kit/destinations";
import { IDENTITY_PATH } from "../http/marketo-http.js";
import type { MarketoSettings } from "../settings.js";

interface IdentityAnswer {
  access_token?: unknown;
  expires_in?: unknown;
}

/**
 * Obtains an access token with the client-credentials grant
 * (`GET {identityBaseUrl}/identity/oauth/token?grant_type=client_credentials&client_id&client_secret`,
 * authentication.md) → `{ access_token, token_type, expires_in, scope }`.
 * Marketo returns the same token with its remaining life while it is valid,
 * and a new one after it expired. A 401 stops the run naming the client
 * settings; 5xx, timeouts and resets are retried by the runtime.
 */
export async function identityToken(ctx: Pick<AdapterContext<MarketoSettings>, "settings" | "request" | "now">): Promise<AuthState> {
  const { settings } = ctx;
  const answer = await ctx.request({
    method: "GET",
    path: `${settings.identityBaseUrl}${IDENTITY_PATH}`,
    query: { grant_type: "client_credentials", client_id: settings.clientId, client_secret: settings.clientSecret },
    auth: false,
  });
  const body = (answer.body ?? {}) as IdentityAnswer;
  if (typeof body.access_token !== "string" || body.access_token === "") {
    throw new RetryableError<MarketoErrorCode>("MALFORMED_RESPONSE", `${answer.what} returned no access_token`, { status: answer.status });
  }
  const expiresIn = typeof body.expires_in === "number" && Number.isFinite(body.expires_in) ? body.expires_in : undefined;
  return { accessToken: body.access_token, ...(expiresIn !== undefined ? { expiresAt: new Date(Date.parse(ctx.now) + expiresIn * 1000).toISOString() } : {}) };
}
