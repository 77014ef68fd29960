import type { TargetAudience } from "./adapter-context.js";

/** The work one audience of a run needs, as the runtime works it out before sending (see {@link DailyCallBudget.estimate}). */
export interface PlannedAudienceWork {
  readonly audience: TargetAudience;
  /** Members to add (new and changed ones; every desired member in a full run). */
  readonly adds: number;
  /** Members to remove. */
  readonly removes: number;
  /** The run's batch size (the declared `maxBatchSize` made stricter by the settings). */
  readonly maxBatchSize: number;
  /** True when the destination audience's id is remembered from an earlier run. */
  readonly known: boolean;
}

/**
 * A daily API call budget (Marketo: 50,000 calls a day). The runtime counts
 * the requests of every run (each `ctx.request` when the destination declares
 * `http`, else each adapter call) per UTC day of the run's `now`, keeps the
 * count in the activation state so consecutive runs of a plan share it,
 * estimates each audience's calls before sending it (a warning in the report
 * when they would not fit in what is left), and reports `apiUsage`.
 */
export interface DailyCallBudget<Settings> {
  /** The calls allowed per day, from the settings (a positive integer). */
  readonly calls: (settings: Settings) => number;
  /**
   * The calls bringing one audience up to date takes (lookups, creations,
   * membership changes, the find-or-create). Default: one find-or-create
   * plus ⌈adds / batch⌉ + ⌈removes / batch⌉.
   */
  readonly estimate?: (work: PlannedAudienceWork, settings: Settings) => number;
}

/** The default estimate of {@link DailyCallBudget.estimate}. */
export function defaultCallEstimate(work: PlannedAudienceWork): number {
  const batch = Math.max(1, work.maxBatchSize);
  return 1 + Math.ceil(work.adds / batch) + Math.ceil(work.removes / batch);
}
