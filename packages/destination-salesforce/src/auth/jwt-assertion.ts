import { sign } from "node:crypto";

/** The claims of a Salesforce JWT bearer assertion. */
export interface JwtClaims {
  /** The connected app's client id. */
  readonly iss: string;
  /** The username the token acts as. */
  readonly sub: string;
  /** `https://login.salesforce.com` or `https://test.salesforce.com` (or the My Domain URL). */
  readonly aud: string;
  /** Expiry, seconds since the epoch (Salesforce allows at most 3 minutes ahead). */
  readonly exp: number;
}

const base64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");

/**
 * An RS256-signed JWT (`header.claims.signature`, base64url) for the OAuth 2
 * JWT bearer flow, signed with `node:crypto` (Salesforce Help, "OAuth 2.0 JWT
 * Bearer Flow for Server-to-Server Integration").
 */
export function jwtAssertion(claims: JwtClaims, privateKeyPem: string): string {
  const head = `${base64url(JSON.stringify({ alg: "RS256", typ: "JWT" }))}.${base64url(JSON.stringify(claims))}`;
  const signature = sign("RSA-SHA256", Buffer.from(head), privateKeyPem);
  return `${head}.${base64url(signature)}`;
}

/** Claims for a run at `now` (ISO): expiring three minutes later. */
export function claimsAt(now: string, iss: string, sub: string, aud: string): JwtClaims {
  return { iss, sub, aud, exp: Math.floor(Date.parse(now) / 1000) + 180 };
}
