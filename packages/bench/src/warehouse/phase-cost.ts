/** One phase's cost: wall time, CPU time of the process (every thread, user + system), peak RSS of the process so far. */
export interface PhaseCost {
  readonly ms: number;
  readonly cpuMs: number;
  readonly peakRssBytes: number;
}

/** Runs `work` and measures it. */
export async function phase<T>(work: () => Promise<T>): Promise<{ value: T; cost: PhaseCost }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return { value, cost: { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, peakRssBytes: process.resourceUsage().maxRSS * 1024 } };
}
