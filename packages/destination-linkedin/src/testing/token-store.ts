import { randomBytes } from "node:crypto";

interface AccessToken {
  readonly expiresAt: number;
  expired: boolean;
  revoked: boolean;
}

interface RefreshToken {
  readonly expiresAt: number;
  revoked: boolean;
}

/** Why an access token is refused, with LinkedIn's serviceErrorCode (issue threads: 65600 invalid, 65601 revoked, 65602 expired). */
export type TokenProblem = { readonly code: 65600 | 65601 | 65602; readonly message: string };

/** The fake's access and refresh tokens, on its monotonic clock. */
export class TokenStore {
  private readonly access = new Map<string, AccessToken>();
  private readonly refresh = new Map<string, RefreshToken>();
  /** Every access token issued (all secrets). */
  readonly issued: string[] = [];

  constructor(
    private readonly clock: () => number,
    private readonly accessTtlMs: number,
    refreshTokens: readonly string[],
    refreshTtlMs: number,
  ) {
    const start = clock();
    for (const t of refreshTokens) this.refresh.set(t, { expiresAt: start + refreshTtlMs, revoked: false });
  }

  /** Seconds a refresh token has left, or `undefined` when it is unknown, revoked or expired. */
  refreshTokenSecondsLeft(token: string): number | undefined {
    const t = this.refresh.get(token);
    if (t === undefined || t.revoked) return undefined;
    const left = t.expiresAt - this.clock();
    return left > 0 ? Math.floor(left / 1000) : undefined;
  }

  /** Issues a new access token. */
  issue(): { token: string; expiresInSeconds: number } {
    const token = `AQX${randomBytes(24).toString("base64url")}`;
    this.access.set(token, { expiresAt: this.clock() + this.accessTtlMs, expired: false, revoked: false });
    this.issued.push(token);
    return { token, expiresInSeconds: Math.floor(this.accessTtlMs / 1000) };
  }

  /** Why `token` is refused, or `undefined` when it is good. */
  problemOf(token: string): TokenProblem | undefined {
    const t = this.access.get(token);
    if (t === undefined) return { code: 65600, message: "Invalid access token" };
    if (t.revoked) return { code: 65601, message: "The token used in the request has been revoked by the user" };
    if (t.expired || this.clock() >= t.expiresAt) return { code: 65602, message: "The token used in the request has expired" };
    return undefined;
  }

  /** Makes every access token issued so far expired. */
  expireAccessTokens(): void {
    for (const t of this.access.values()) t.expired = true;
  }

  /** Revokes every access token issued so far. */
  revokeAccessTokens(): void {
    for (const t of this.access.values()) t.revoked = true;
  }

  /** Revokes a refresh token (all of them when none is named): refreshing then fails with `invalid_grant`. */
  revokeRefreshTokens(token?: string): void {
    for (const [key, t] of this.refresh) if (token === undefined || key === token) t.revoked = true;
  }
}
