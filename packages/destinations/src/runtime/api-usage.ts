/** API usage as the destination itself states it (`ctx.reportApiUsage`): Salesforce's `Sforce-Limit-Info`, Marketo's usage stats. */
export interface ReportedApiUsage {
  /** Calls used in the service's own window. */
  readonly used: number;
  /** Calls allowed in that window. */
  readonly limit: number;
}

/**
 * A run's API calls against the day's budget (`report.apiUsage`). Present
 * when the destination declares a daily call budget or reported its usage.
 */
export interface ApiUsage {
  /** The UTC day of the run's `now` (`YYYY-MM-DD`) the calls are counted on. */
  readonly day: string;
  /** Calls earlier runs of this plan made on that day (from the state). */
  readonly callsBeforeRun: number;
  /** Calls this run made (the report's `requests`). */
  callsThisRun: number;
  /** The day's budget, when the destination declares one. */
  readonly dailyBudget?: number;
  /** What is left of the budget after this run (never below 0). */
  remaining?: number;
  /** Calls this run estimated before sending (summed over the audiences worked on). */
  estimatedCalls?: number;
  /** The last usage the destination reported during the run. */
  reported?: ReportedApiUsage;
}
