/** Counts requests in a sliding window per key (assumption: LinkedIn's one-minute windows are sliding). */
export class RateWindow {
  private readonly starts = new Map<string, number[]>();

  constructor(private readonly clock: () => number) {}

  /** Records a request under `key` if fewer than `limit` started in the last `windowMs`; false when over the limit. */
  take(key: string, limit: number, windowMs: number): boolean {
    const now = this.clock();
    const list = (this.starts.get(key) ?? []).filter((t) => t > now - windowMs);
    if (list.length >= limit) {
      this.starts.set(key, list);
      return false;
    }
    list.push(now);
    this.starts.set(key, list);
    return true;
  }
}
