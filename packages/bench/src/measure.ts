/** Median of the times (ms) of `runs` calls after `warmup` untimed calls. */
export async function medianMs(runs: number, f: () => unknown | Promise<unknown>, warmup = 1): Promise<number> {
  for (let i = 0; i < warmup; i++) await f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await f();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const mid = Math.floor(times.length / 2);
  return times.length % 2 === 1 ? times[mid]! : (times[mid - 1]! + times[mid]!) / 2;
}

/** A full garbage collection, twice (the benchmark runs with `node --expose-gc`). */
export function collectGarbage(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect === undefined) throw new Error("run the benchmark with node --expose-gc");
  collect();
  collect();
}
