/**
 * A sliding-window request limiter: at most `requests` starts in any
 * `windowMs`. Time and waiting are injected, so it never reads the system clock.
 */
export class RateLimiter {
  private readonly starts: number[] = [];
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly limit: { readonly requests: number; readonly windowMs: number } | undefined,
    private readonly clock: () => number,
    private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>,
  ) {}

  /** Resolves when one more request may start (callers are served in order). */
  acquire(signal?: AbortSignal): Promise<void> {
    const next = this.chain.then(() => this.waitTurn(signal));
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async waitTurn(signal?: AbortSignal): Promise<void> {
    const limit = this.limit;
    if (limit === undefined) return;
    for (;;) {
      const now = this.clock();
      while (this.starts.length > 0 && this.starts[0]! <= now - limit.windowMs) this.starts.shift();
      if (this.starts.length < limit.requests) {
        this.starts.push(now);
        return;
      }
      await this.sleep(Math.max(1, this.starts[0]! + limit.windowMs - now), signal);
    }
  }
}
