import { createSign } from "node:crypto";

const base64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

/** The claims of a service account's token request (Google's "Using OAuth 2.0 for Server to Server Applications"). */
export interface AssertionClaims {
  /** The service account's email. */
  readonly iss: string;
  /** Space-separated scopes. */
  readonly scope: string;
  /** The token endpoint the assertion is for. */
  readonly aud: string;
  /** Seconds since the epoch. */
  readonly iat: number;
  /** At most one hour after `iat`. */
  readonly exp: number;
}

/** A JWT signed with RS256 by `privateKey` (PEM), with the key's id in the header when known. */
export function signAssertion(claims: AssertionClaims, privateKey: string, keyId: string | undefined): string {
  const header = { alg: "RS256", typ: "JWT", ...(keyId !== undefined ? { kid: keyId } : {}) };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = createSign("RSA-SHA256").update(signingInput).sign(privateKey);
  return `${signingInput}.${base64url(signature)}`;
}
