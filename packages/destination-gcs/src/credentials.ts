import type { GcsErrorCode } from "./error-codes.js";
import { GoogleAuth } from "google-auth-library";
import { RetryableError, TerminalError, type AuthState } from "@abm-kit/destinations";
import { signAssertion } from "./jwt-assertion.js";
import { GOOGLE_TOKEN_URI, STORAGE_SCOPE, type GcsSettings, type ServiceAccountKey } from "./settings.js";

/** An assertion is valid for one hour at most (Google: `exp` at most 3,600 s after `iat`). */
const ASSERTION_LIFETIME_S = 3600;

/** The token endpoint a service account key is traded at. */
export function tokenUriOf(settings: Pick<GcsSettings, "tokenUri" | "serviceAccountKey">): string {
  return settings.tokenUri ?? settings.serviceAccountKey?.token_uri ?? GOOGLE_TOKEN_URI;
}

function describeTokenError(body: unknown): string {
  const b = (typeof body === "object" && body !== null ? body : {}) as { error?: unknown; error_description?: unknown };
  const code = typeof b.error === "string" ? b.error.slice(0, 60) : "unknown_error";
  const description = typeof b.error_description === "string" ? `: ${b.error_description.slice(0, 200)}` : "";
  return `${code}${description}`;
}

/**
 * Trades a signed JWT for an access token at the token endpoint
 * (grant type `urn:ietf:params:oauth:grant-type:jwt-bearer`). 429, 5xx,
 * network failures and unreadable answers are retryable; a refusal (400
 * `invalid_grant`, 401) stops the run. `nowMs` is the wall clock: the
 * assertion's `iat`.
 */
export async function serviceAccountToken(key: ServiceAccountKey, tokenUri: string, nowMs: number, timeoutMs: number, signal: AbortSignal): Promise<AuthState> {
  const iat = Math.floor(nowMs / 1000);
  const assertion = signAssertion(
    { iss: key.client_email, scope: STORAGE_SCOPE, aud: tokenUri, iat, exp: iat + ASSERTION_LIFETIME_S },
    key.private_key,
    key.private_key_id,
  );
  let response: Response;
  try {
    response = await fetch(tokenUri, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion }).toString(),
      signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
    });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new RetryableError<GcsErrorCode>("TOKEN_REQUEST_FAILED", `token request: ${(error as Error)?.name ?? "Error"}: the token endpoint did not answer`);
  }
  const text = await response.text().catch(() => "");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new RetryableError<GcsErrorCode>(
      "TOKEN_RESPONSE_UNREADABLE",
      `token request: the token endpoint answered ${response.status} with a body that is not JSON`,
      { status: response.status },
    );
  }
  if (response.status === 429 || response.status >= 500) {
    throw new RetryableError<GcsErrorCode>(
      "TOKEN_ENDPOINT_UNAVAILABLE",
      `token request: the token endpoint answered ${response.status} ${describeTokenError(body)}`,
      { status: response.status },
    );
  }
  if (!response.ok)
    throw new TerminalError<GcsErrorCode>(
      "TOKEN_REFUSED",
      `token request: the token endpoint refused the service account key (${response.status} ${describeTokenError(body)})`,
      { status: response.status },
    );
  const token = body as { access_token?: unknown; expires_in?: unknown };
  if (typeof token.access_token !== "string" || token.access_token === "")
    throw new RetryableError<GcsErrorCode>("TOKEN_RESPONSE_UNREADABLE", "token request: the answer holds no access_token");
  const expiresIn = typeof token.expires_in === "number" ? token.expires_in : ASSERTION_LIFETIME_S;
  return { accessToken: token.access_token, expiresAt: new Date(nowMs + expiresIn * 1000).toISOString() };
}

/** An access token from application-default credentials (GOOGLE_APPLICATION_CREDENTIALS, gcloud's, the metadata server's). */
export async function applicationDefaultToken(): Promise<AuthState> {
  try {
    const auth = new GoogleAuth({ scopes: [STORAGE_SCOPE] });
    const client = await auth.getClient();
    const { token } = await client.getAccessToken();
    if (token === null || token === undefined) throw new Error("no token");
    const expiry = (client.credentials as { expiry_date?: number | null }).expiry_date;
    return { accessToken: token, ...(typeof expiry === "number" ? { expiresAt: new Date(expiry).toISOString() } : {}) };
  } catch (error) {
    const reason = error instanceof Error ? error.message.slice(0, 200) : "unknown";
    throw new TerminalError<GcsErrorCode>(
      "NO_CREDENTIALS",
      `no Google credentials: set settings.serviceAccountKey or configure application-default credentials (${reason})`,
    );
  }
}

/**
 * Obtains an access token for the settings: from the service account key
 * when one is set, else from application-default credentials. The result is
 * an {@link AuthState}, so the runtime redacts the token everywhere.
 */
export function resolveCredentials(settings: GcsSettings, nowMs: number, signal: AbortSignal): Promise<AuthState> {
  if (settings.serviceAccountKey !== undefined)
    return serviceAccountToken(settings.serviceAccountKey, tokenUriOf(settings), nowMs, settings.requestTimeoutMs, signal);
  return applicationDefaultToken();
}
