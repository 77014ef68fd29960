import type { AzureBlobErrorCode } from "./error-codes.js";
import type { AccessToken, TokenCredential } from "@azure/core-auth";
import { RetryableError, TerminalError, type AuthState } from "@abm-kit/destinations";
import type { AzureBlobSettings } from "./settings.js";

/** The OAuth scope of Azure Storage: what a token for blob requests is asked for. */
export const STORAGE_SCOPE = "https://storage.azure.com/.default";

/** `@azure/identity` errors that mean "no identity is configured here": asking again will not help. */
const UNAVAILABLE = new Set(["CredentialUnavailableError", "AuthenticationRequiredError"]);

/**
 * Obtains the login of a run (the runtime calls it first, and again when the
 * service refused a request as unauthenticated). With a `tokenCredential`,
 * a token for {@link STORAGE_SCOPE}; otherwise the settings' own login (the
 * connection string, the account key or the SAS URL), which a renewal reads
 * again as it is. Either way the value goes into the {@link AuthState}, so
 * the runtime redacts it from every report, event, error and checkpoint.
 */
export async function obtainLogin(settings: AzureBlobSettings, signal: AbortSignal): Promise<AuthState> {
  const credential = settings.tokenCredential;
  if (credential === undefined) return { accessToken: settings.connectionString ?? settings.accountKey ?? settings.sasUrl! };
  let token: AccessToken | null;
  try {
    token = await credential.getToken(STORAGE_SCOPE, { abortSignal: signal });
  } catch (error) {
    const name = (error as { name?: unknown } | null)?.name;
    // the credential's message is not quoted: it may name a client id, a tenant or a certificate path
    const kind = typeof name === "string" && /^[A-Za-z]{1,64}$/.test(name) ? name : "an error";
    if (typeof name === "string" && UNAVAILABLE.has(name))
      throw new TerminalError<AzureBlobErrorCode>("NO_CREDENTIALS", `the tokenCredential has no identity to get a storage token with (${kind})`);
    throw new RetryableError<AzureBlobErrorCode>("TOKEN_REQUEST_FAILED", `the tokenCredential failed to get a storage token (${kind})`);
  }
  if (token === null || typeof token.token !== "string" || token.token === "")
    throw new TerminalError<AzureBlobErrorCode>("NO_CREDENTIALS", "the tokenCredential gave no storage token");
  return { accessToken: token.token, ...(Number.isFinite(token.expiresOnTimestamp) ? { expiresAt: new Date(token.expiresOnTimestamp).toISOString() } : {}) };
}

/**
 * The token of `auth` as a credential the storage client takes: the runtime
 * decides when a token is obtained or renewed (after a 401 or 403 it asks
 * `tokenCredential` again), the client only sends it.
 */
export function tokenOf(auth: AuthState): TokenCredential {
  const expiresOnTimestamp = auth.expiresAt !== undefined ? Date.parse(auth.expiresAt) : Number.MAX_SAFE_INTEGER;
  return { getToken: async () => ({ token: auth.accessToken, expiresOnTimestamp }) };
}
