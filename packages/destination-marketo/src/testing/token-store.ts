import { randomBytes } from "node:crypto";

/** The fake's access tokens, on its monotonic clock. */
export class TokenStore {
  private readonly tokens = new Map<string, { expiresAt: number }>();
  private current: string | undefined;
  /** Every access token issued (all secrets). */
  readonly issued: string[] = [];

  constructor(
    private readonly clock: () => number,
    private readonly ttlMs: number,
  ) {}

  /**
   * The instance's token: the current one with its remaining life while it is
   * valid ("If you call the Identity endpoint before your token has expired,
   * the same token and the remaining lifespan will be returned", authentication.md),
   * else a new one that lives `ttlMs`.
   */
  grant(): { token: string; expiresInSeconds: number } {
    const now = this.clock();
    const held = this.current !== undefined ? this.tokens.get(this.current) : undefined;
    if (this.current !== undefined && held !== undefined && held.expiresAt > now) {
      return { token: this.current, expiresInSeconds: Math.max(0, Math.floor((held.expiresAt - now) / 1000)) };
    }
    // Marketo tokens look like `cdf01657-110d-4155-99a7-f986b2ff13a0:int`
    const hex = randomBytes(16).toString("hex");
    const token = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}:ab`;
    this.tokens.set(token, { expiresAt: now + this.ttlMs });
    this.current = token;
    this.issued.push(token);
    return { token, expiresInSeconds: Math.floor(this.ttlMs / 1000) };
  }

  /** 601 (not a token of this instance), 602 (expired), or `undefined` when it is good (error-codes.md). */
  problemOf(token: string): 601 | 602 | undefined {
    const t = this.tokens.get(token);
    if (t === undefined) return 601;
    return this.clock() >= t.expiresAt ? 602 : undefined;
  }

  /** Makes every token issued so far expired (→ 602; the next grant issues a new one). */
  expireAll(): void {
    const now = this.clock();
    for (const t of this.tokens.values()) t.expiresAt = Math.min(t.expiresAt, now);
  }
}
