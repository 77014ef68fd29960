import type { StreamingEvaluator } from "./streaming-evaluator.js";
import type { StreamChangeInput } from "./stream-change.js";

/** Latency and throughput of applying a stream of changes. */
export interface StreamingLatencyReport {
  /** Changes applied (measured), duplicates and rejected ones included. */
  readonly changes: number;
  readonly applied: number;
  readonly duplicates: number;
  readonly rejected: number;
  /** Per-change latency percentiles, in milliseconds. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly meanMs: number;
  /** Time spent in `apply` and `advanceTo`, in milliseconds. */
  readonly totalMs: number;
  /** Changes per second over `totalMs`. */
  readonly changesPerSecond: number;
  /** Members re-evaluated per change, on average (the reach of a change). */
  readonly meanReevaluated: number;
  readonly entered: number;
  readonly exited: number;
}

/** A step of a measured stream: a change, or a move of the clock. */
export type MeasuredStep = { readonly change: StreamChangeInput } | { readonly advanceTo: string | number };

/**
 * Feeds `steps` to `evaluator` and measures each `apply` with `clock` (a
 * monotonic millisecond clock such as `performance.now`, passed in so the
 * library never reads a clock itself). Clock moves are timed into the total
 * but not into the per-change percentiles.
 */
export function measureStreamingLatency(
  evaluator: StreamingEvaluator,
  steps: Iterable<MeasuredStep>,
  options: { readonly clock: () => number },
): StreamingLatencyReport {
  const clock = options.clock;
  const latencies: number[] = [];
  let applied = 0;
  let duplicates = 0;
  let rejected = 0;
  let reevaluated = 0;
  let entered = 0;
  let exited = 0;
  let totalMs = 0;
  for (const step of steps) {
    if ("advanceTo" in step) {
      const t0 = clock();
      const moved = evaluator.advanceTo(step.advanceTo);
      totalMs += clock() - t0;
      entered += moved.entered;
      exited += moved.exited;
      continue;
    }
    const t0 = clock();
    const outcome = evaluator.apply(step.change);
    const elapsed = clock() - t0;
    totalMs += elapsed;
    latencies.push(elapsed);
    reevaluated += outcome.reevaluated;
    entered += outcome.entered;
    exited += outcome.exited;
    if (outcome.status === "applied") applied++;
    else if (outcome.status === "duplicate") duplicates++;
    else rejected++;
  }
  const sorted = Float64Array.from(latencies).sort();
  const pick = (q: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
  const sum = latencies.reduce((a, b) => a + b, 0);
  return {
    changes: latencies.length,
    applied,
    duplicates,
    rejected,
    p50Ms: pick(0.5),
    p99Ms: pick(0.99),
    maxMs: sorted.length === 0 ? 0 : sorted[sorted.length - 1]!,
    meanMs: latencies.length === 0 ? 0 : sum / latencies.length,
    totalMs,
    changesPerSecond: totalMs === 0 ? 0 : (latencies.length / totalMs) * 1000,
    meanReevaluated: latencies.length === 0 ? 0 : reevaluated / latencies.length,
    entered,
    exited,
  };
}
