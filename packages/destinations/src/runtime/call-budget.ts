import { ValidationError } from "@abm-kit/core";
import { defaultCallEstimate, type PlannedAudienceWork } from "../definition/call-budget.js";
import type { DestinationDefinition } from "../definition/destination-definition.js";
import type { ActivationState } from "../state/activation-state.js";
import type { ApiUsage, ReportedApiUsage } from "./api-usage.js";
import { idsToAdd, type AudienceJob, type RunContext } from "./run-context.js";
import { DEFAULT_BATCH_SIZE } from "./stream-delivery.js";

/** The UTC day (`YYYY-MM-DD`) of an ISO instant. */
export function utcDayOf(now: string): string {
  return new Date(Date.parse(now)).toISOString().slice(0, 10);
}

/**
 * Counts a run's calls against the destination's daily budget (see
 * `DailyCallBudget`): starts from the calls the state holds for the UTC day
 * of `now`, checks each audience's estimate against what is left, writes the
 * day's count into the state before every save, and fills `report.apiUsage`.
 * `callsThisRun` reads the run's request counter.
 */
export class CallBudget<Settings> {
  readonly day: string;
  readonly callsBeforeRun: number;
  readonly dailyBudget: number | undefined;
  private estimated = 0;
  private reported: ReportedApiUsage | undefined;

  constructor(
    private readonly definition: DestinationDefinition<Settings>,
    private readonly settings: Settings,
    state: ActivationState,
    now: string,
    private readonly callsThisRun: () => number,
  ) {
    this.day = utcDayOf(now);
    this.callsBeforeRun = state.apiUsage?.day === this.day ? state.apiUsage.calls : 0;
    const declared = definition.dailyCallBudget?.calls(settings);
    if (declared !== undefined && !(Number.isInteger(declared) && declared > 0)) {
      throw new ValidationError(`daily call budget of destination ${definition.id}`, [{ path: ["dailyCallBudget"], message: "must be a positive integer" }]);
    }
    this.dailyBudget = declared;
  }

  /** Calls counted on the day so far (earlier runs and this one). */
  used(): number {
    return this.callsBeforeRun + this.callsThisRun();
  }

  /**
   * Adds one audience's estimated calls to the run's; returns a warning when
   * they do not fit in what is left of the day's budget (`undefined` otherwise
   * and when there is no budget).
   */
  plan(work: PlannedAudienceWork): string | undefined {
    const budget = this.definition.dailyCallBudget;
    if (budget === undefined || this.dailyBudget === undefined) return undefined;
    const raw = (budget.estimate ?? defaultCallEstimate)(work, this.settings);
    const calls = Number.isFinite(raw) && raw > 0 ? Math.ceil(raw) : 0;
    this.estimated += calls;
    const left = Math.max(0, this.dailyBudget - this.used());
    if (calls <= left) return undefined;
    return (
      `audience ${work.audience.audienceId} needs about ${calls} API calls (${work.adds} adds, ${work.removes} removes) but only ${left} of the daily budget of ${this.dailyBudget} are left on ${this.day} ` +
      `(${this.used()} used by this plan's runs so far): the destination may refuse calls once its quota is spent; the run then stops and running again after the daily reset resumes from the checkpoint`
    );
  }

  /** Records usage the destination stated (`ctx.reportApiUsage`); values that are not finite non-negative numbers are ignored. */
  report(usage: ReportedApiUsage): void {
    const ok = (n: unknown) => typeof n === "number" && Number.isFinite(n) && n >= 0;
    if (ok(usage?.used) && ok(usage?.limit)) this.reported = { used: usage.used, limit: usage.limit };
  }

  /** Writes the day's count into the state (called before every save). */
  record(state: ActivationState): void {
    if (this.dailyBudget === undefined && this.reported === undefined && state.apiUsage === undefined) return;
    state.apiUsage = { day: this.day, calls: this.used() };
  }

  /** The report's `apiUsage`, or `undefined` when there is no budget and nothing was reported. */
  usage(): ApiUsage | undefined {
    if (this.dailyBudget === undefined && this.reported === undefined) return undefined;
    const callsThisRun = this.callsThisRun();
    return {
      day: this.day,
      callsBeforeRun: this.callsBeforeRun,
      callsThisRun,
      ...(this.dailyBudget !== undefined
        ? { dailyBudget: this.dailyBudget, remaining: Math.max(0, this.dailyBudget - this.used()), estimatedCalls: this.estimated }
        : {}),
      ...(this.reported !== undefined ? { reported: this.reported } : {}),
    };
  }
}

/**
 * Estimates the calls bringing `job`'s audience up to date takes, before
 * anything of it is sent (dry runs included), and warns in the run's report
 * when they would not fit in what is left of the day's budget.
 */
export function planAudienceCalls<Settings>(run: RunContext<Settings>, job: AudienceJob): void {
  const warning = run.callBudget.plan({
    audience: job.target,
    adds: idsToAdd(job, run.plan.mode, run.runNumber).length,
    removes: job.delta.exited.length,
    maxBatchSize: run.limits.maxBatchSize ?? DEFAULT_BATCH_SIZE,
    known: job.audienceState.externalId !== undefined,
  });
  if (warning !== undefined) run.report.warnings.push(warning);
}
