import type { CallCounters } from "./destination-caller.js";
import { emptySkipCounts, type RunReport } from "./run-report.js";

/** What a new run's report starts from. */
export interface NewRunReportFields {
  readonly planId: string;
  readonly destinationId: string;
  readonly mode: RunReport["mode"];
  readonly dryRun: boolean;
  readonly now: string;
  readonly governance: RunReport["governance"];
}

/** An empty report for a run that is about to start. */
export function newRunReport(fields: NewRunReportFields): RunReport {
  return {
    ...fields,
    status: "completed",
    audiences: [],
    totals: { exported: 0, removed: 0, failed: 0, skipped: emptySkipCounts() },
    requests: 0,
    retries: 0,
    tokenRefreshes: 0,
    durationMs: 0,
    failures: [],
    failureCount: 0,
    warnings: [],
  };
}

/** Fills in the report's counters and totals at the end of a run (it is changed in place). */
export function closeRunReport(report: RunReport, counters: CallCounters, durationMs: number): RunReport {
  report.requests = counters.requests;
  report.retries = counters.retries;
  report.tokenRefreshes = counters.tokenRefreshes;
  report.durationMs = Math.max(0, durationMs);
  for (const a of report.audiences) {
    report.totals.exported += a.exported;
    report.totals.removed += a.removed;
    report.totals.failed += a.failed;
    for (const [reason, n] of Object.entries(a.skipped)) report.totals.skipped[reason as keyof typeof a.skipped] += n;
  }
  if (report.status === "completed" && report.failureCount > 0) report.status = "completedWithFailures";
  return report;
}
