import { verify, type KeyObject } from "node:crypto";

/** What the token endpoint expects of an assertion. */
export interface AssertionExpectations {
  readonly publicKey: KeyObject;
  readonly keyId: string | undefined;
  readonly issuer: string;
  readonly audience: string;
  /** Seconds since the epoch. */
  readonly nowSeconds: number;
}

/** The OAuth error of a refused assertion: `{ error, error_description }` with 400 (RFC 6749 §5.2). */
export interface TokenRefusal {
  readonly error: string;
  readonly error_description: string;
}

const parse = (part: string): Record<string, unknown> | undefined => {
  try {
    const value = JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as unknown;
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

/** Clock skew allowed between the client and the token endpoint (assumption: Google's is not documented). */
const SKEW_S = 300;

/**
 * Checks a service account's JWT assertion as Google's token endpoint does
 * ("Using OAuth 2.0 for Server to Server Applications",
 * https://developers.google.com/identity/protocols/oauth2/service-account#httprest):
 * RS256, signed by the account's key, `iss` its email, `aud` the token URL,
 * a `scope`, `exp` no more than one hour after `iat`, and not expired.
 * Refusals are `invalid_grant` with Google's descriptions.
 */
export function checkAssertion(assertion: string, expected: AssertionExpectations): { scope: string } | TokenRefusal {
  const parts = assertion.split(".");
  const bad = (description: string): TokenRefusal => ({ error: "invalid_grant", error_description: description });
  if (parts.length !== 3) return bad("Invalid JWT: the assertion is not a JWT");
  const [h, c, s] = parts as [string, string, string];
  const header = parse(h);
  const claims = parse(c);
  if (header === undefined || claims === undefined) return bad("Invalid JWT: the header or claims are not JSON");
  if (header.alg !== "RS256") return bad("Invalid JWT: the algorithm is not RS256");
  if (!verify("RSA-SHA256", Buffer.from(`${h}.${c}`), expected.publicKey, Buffer.from(s, "base64url"))) return bad("Invalid JWT Signature.");
  if (expected.keyId !== undefined && header.kid !== undefined && header.kid !== expected.keyId) return bad("Invalid JWT Signature.");
  if (claims.iss !== expected.issuer) return bad("Invalid JWT: the issuer is not a known service account");
  if (claims.aud !== expected.audience) return bad(`Invalid JWT: the audience is not ${expected.audience}`);
  if (typeof claims.scope !== "string" || claims.scope === "") return { error: "invalid_scope", error_description: "Empty or missing scope not allowed." };
  const iat = claims.iat;
  const exp = claims.exp;
  const now = expected.nowSeconds;
  if (typeof iat !== "number" || typeof exp !== "number" || exp <= iat || exp - iat > 3600 || iat > now + SKEW_S || exp < now - SKEW_S) {
    return bad("Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.");
  }
  return { scope: claims.scope };
}
