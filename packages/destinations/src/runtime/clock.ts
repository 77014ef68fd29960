import { performance } from "node:perf_hooks";
import { setTimeout as delay } from "node:timers/promises";

/** The default monotonic clock (milliseconds) for durations and rate windows. */
export const monotonicClock = (): number => performance.now();

/** The default sleep: a real timer that stops early (rejecting) when `signal` aborts. */
export async function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return;
  await delay(ms, undefined, signal ? { signal } : undefined);
}
