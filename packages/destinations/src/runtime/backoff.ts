/** A source of uniform random numbers in [0, 1) (inject a seeded one in tests). */
export type RandomSource = () => number;

/**
 * The wait before retry number `attempt` (1 = first retry): "full jitter"
 * exponential backoff, `random() × min(maxMs, baseMs × 2^(attempt-1))`, but
 * never less than the service's Retry-After.
 */
export function backoffDelay(
  attempt: number,
  policy: { readonly baseDelayMs: number; readonly maxDelayMs: number },
  random: RandomSource,
  retryAfterMs?: number,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.floor(random() * ceiling);
  return Math.max(jittered, retryAfterMs ?? 0);
}

/**
 * Parses an HTTP `Retry-After` value: delay-seconds or an HTTP date
 * (relative to `nowMs`). `undefined` when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
