import { createPublicKey, generateKeyPairSync, randomBytes, verify, type KeyObject } from "node:crypto";
import type { ServiceResponse } from "@abm-kit/destinations/testing";

/** The credentials the fake org accepts. */
export interface FakeCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly refreshToken: string;
  readonly username: string;
  /** PEM of the private key whose public half the fake's connected app holds (for the JWT bearer flow). */
  readonly privateKey: string;
}

/** New random credentials, with a fresh 2048-bit RSA key pair. */
export function newCredentials(): FakeCredentials & { readonly publicKey: KeyObject } {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    clientId: `3MVG9${randomBytes(12).toString("hex")}`,
    clientSecret: randomBytes(16).toString("hex"),
    refreshToken: `5Aep861${randomBytes(16).toString("hex")}`,
    username: "integration@abm-kit.example",
    privateKey: privateKey.export({ type: "pkcs8", format: "pem" }) as string,
    publicKey: createPublicKey(privateKey),
  };
}

// Salesforce OAuth errors are `{ error, error_description }` with 400 (Salesforce Help, "OAuth 2.0 Endpoints / Token Errors").
const oauthError = (error: string, description: string): ServiceResponse => ({ status: 400, body: { error, error_description: description } });

/**
 * Checks a token request (`POST /services/oauth2/token`, form-encoded) for
 * the client credentials, JWT bearer and refresh token grants; returns the
 * refusal, or `undefined` when the grant is good.
 * JWT bearer (Salesforce Help, "OAuth 2.0 JWT Bearer Flow"): RS256 signed with
 * the app's key, `iss` the client id, `sub` the user, `aud` the login host,
 * `exp` in the future and at most 3 minutes ahead.
 */
export function checkGrant(
  form: URLSearchParams,
  credentials: FakeCredentials & { readonly publicKey: KeyObject },
  audience: string,
  nowMs: number,
): ServiceResponse | undefined {
  const grant = form.get("grant_type");
  if (grant === "client_credentials") {
    if (form.get("client_id") !== credentials.clientId || form.get("client_secret") !== credentials.clientSecret)
      return oauthError("invalid_client", "invalid client credentials");
    return undefined;
  }
  if (grant === "refresh_token") {
    if (form.get("client_id") !== credentials.clientId) return oauthError("invalid_client_id", "client identifier invalid");
    const secret = form.get("client_secret");
    if (secret !== null && secret !== credentials.clientSecret) return oauthError("invalid_client", "invalid client credentials");
    if (form.get("refresh_token") !== credentials.refreshToken) return oauthError("invalid_grant", "expired access/refresh token");
    return undefined;
  }
  if (grant === "urn:ietf:params:oauth:grant-type:jwt-bearer") {
    const parts = (form.get("assertion") ?? "").split(".");
    if (parts.length !== 3) return oauthError("invalid_grant", "invalid assertion");
    const [head, body, signature] = parts as [string, string, string];
    let header: { alg?: unknown };
    let claims: { iss?: unknown; sub?: unknown; aud?: unknown; exp?: unknown };
    try {
      header = JSON.parse(Buffer.from(head, "base64url").toString("utf8"));
      claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
    } catch {
      return oauthError("invalid_grant", "invalid assertion");
    }
    if (header.alg !== "RS256") return oauthError("invalid_grant", "invalid assertion algorithm");
    if (!verify("RSA-SHA256", Buffer.from(`${head}.${body}`), credentials.publicKey, Buffer.from(signature, "base64url")))
      return oauthError("invalid_grant", "invalid assertion signature");
    if (claims.iss !== credentials.clientId) return oauthError("invalid_client_id", "client identifier invalid");
    if (claims.sub !== credentials.username) return oauthError("invalid_grant", "user hasn't approved this consumer");
    if (claims.aud !== audience) return oauthError("invalid_grant", "audience is invalid");
    const nowSeconds = Math.floor(nowMs / 1000);
    if (typeof claims.exp !== "number" || claims.exp <= nowSeconds || claims.exp > nowSeconds + 300)
      return oauthError("invalid_grant", "expired authorization code");
    return undefined;
  }
  return oauthError("unsupported_grant_type", "grant type not supported");
}
