import { epochMsToInstant, parseNow, parseOrThrow, ValidationError, type NowInput, type Problem, type Snapshot } from "@abm-kit/core";
import type { DestinationDefinition } from "../definition/destination-definition.js";
import type { AudienceMembership } from "../definition/membership.js";
import { parseSettings } from "../definition/secret.js";
import { StopRunError } from "../errors.js";
import type { StateStore } from "../state/state-store.js";
import { ActivationPlanSchema, type ActivationPlanInput } from "./activation-plan.js";
import { createActivationEvents, type ActivationEventMap, type ActivationEvents } from "./activation-events.js";
import type { RandomSource } from "./backoff.js";
import { monotonicClock, realSleep } from "./clock.js";
import { DestinationCaller, type CallCounters } from "./destination-caller.js";
import { idempotencyKey } from "./idempotency-key.js";
import { activateAudience } from "./audience-step.js";
import { accountPeopleMemberships } from "./account-people-memberships.js";
import { governanceStep } from "./governance-step.js";
import { validatePlanAgainstDestination } from "./plan-checks.js";
import { effectiveLimits } from "./effective-limits.js";
import { RateLimiter } from "./rate-limiter.js";
import { Redactor } from "./redactor.js";
import type { RunContext } from "./run-context.js";
import type { MemberFailure, RunReport } from "./run-report.js";
import { closeRunReport, newRunReport } from "./run-report-totals.js";
import { errorOfFailedRun, statusOfFailedRun } from "./run-failure.js";
import { loadRunState, rememberCredentials } from "./run-state-loading.js";
import { createCheckpointer } from "./checkpointer.js";
import { CallBudget } from "./call-budget.js";

/** What {@link activate} needs besides the plan. */
export interface ActivateOptions<Settings> {
  /** The destination named by `plan.destination.id`. */
  readonly destination: DestinationDefinition<Settings>;
  /** The data the audiences were evaluated on (member fields are read from it). */
  readonly snapshot: Snapshot;
  /** The memberships of the plan's audiences and of its exclusion audiences. */
  readonly audiences: readonly AudienceMembership[];
  /** The run's moment (core's `NowInput`: ISO instant, epoch ms or Date): file names, state timestamps. */
  readonly now: NowInput;
  /** Where what the destination holds is remembered between runs. */
  readonly state: StateStore;
  /** State key; defaults to `<plan id>/<destination id>`. */
  readonly stateKey?: string;
  /** Cancels the run; progress up to the last checkpoint is kept. */
  readonly signal?: AbortSignal;
  /** Receives progress events. */
  readonly events?: ActivationEvents;
  /** Work out and return what would be sent; send and save nothing. */
  readonly dryRun?: boolean;
  /** How many members per audience a dry run lists (default 100). */
  readonly previewLimit?: number;
  /** Monotonic milliseconds for durations and rate windows (default `performance.now`). */
  readonly clock?: () => number;
  /** Waits between retries (default a real timer). */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source (default `Math.random`). */
  readonly random?: RandomSource;
}

const MAX_LISTED_FAILURES = 1000;

/**
 * Activates a plan's audiences at a destination: computes what changed since
 * the destination was last brought up to date, maps and hashes fields, drops
 * people without consent and governance-blocked fields, sends in batches
 * within the destination's limits with retries, checkpoints progress, and
 * returns a {@link RunReport}. Aborting (or an adapter failing unexpectedly)
 * raises an {@link ActivationError} after the last checkpoint; an adapter's
 * {@link StopRunError} is raised again with the partial report on it (status
 * `stopped` or `actionRequired`); running again resumes. The steps: plan
 * checks against the destination, governance, then each audience in turn.
 * The plan is an {@link ActivationPlanInput} (write it with {@link definePlan});
 * `now` follows core's `NowInput` contract.
 *
 * @example
 * ```ts
 * import { buildSnapshot } from "@abm-kit/core";
 * import { activate, definePlan, JsonFileStateStore, localFolderDestination } from "@abm-kit/destinations";
 *
 * const snapshot = buildSnapshot({ accounts: [{ id: "acc-1", name: "Northwind", domain: "northwind.com" }] }, { asOf: "2026-11-20T12:00:00Z" });
 * const plan = definePlan({
 *   id: "icp-to-folder",
 *   destination: { id: "local-folder", settings: { path: "out/exports", format: "csv" } },
 *   audiences: [{ audienceId: "icp" }],
 *   mapping: { account: [{ source: "account.name", target: "name" }, { source: "account.domain", target: "domain", transforms: ["domain"] }] },
 * });
 * const report = await activate(plan, {
 *   destination: localFolderDestination,
 *   snapshot,
 *   audiences: [{ audienceId: "icp", audienceName: "ICP", type: "account", memberIds: ["acc-1"] }],
 *   now: "2026-11-20T12:00:00Z",
 *   state: new JsonFileStateStore("out/state"),
 * });
 * console.log(report.status, report.audiences[0]?.manifest?.files); // completed [ { name: …, rows: 1, … } ]
 * ```
 * @category Activate
 */
export async function activate<Settings>(planInput: ActivationPlanInput, options: ActivateOptions<Settings>): Promise<RunReport> {
  const plan = parseOrThrow(ActivationPlanSchema, planInput, "activation plan");
  const { destination, snapshot } = options;
  const { result: settingsResult, secrets } = parseSettings(destination.settings, plan.destination.settings);
  const redactor = new Redactor(secrets);
  if (!settingsResult.success) {
    const problems: Problem[] = settingsResult.error.issues.map((i) => ({
      path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)),
      message: i.message,
      code: i.code,
    }));
    throw new ValidationError(`settings of destination ${destination.id}`, redactor.value(problems));
  }
  const settings = settingsResult.data;
  const limits = effectiveLimits(destination, settings);
  validatePlanAgainstDestination(plan, destination, options.audiences, limits);
  // one `now` contract (core's parseNow); an ISO string is kept as written, a number or Date becomes one
  const now = typeof options.now === "string" ? (parseNow(options.now), options.now) : epochMsToInstant(parseNow(options.now));
  // account audiences sent as their people: worked out (and their `where` checked against the Snapshot) before anything is sent
  const throughPeople = accountPeopleMemberships(plan, snapshot, options.audiences, now);

  const clock = options.clock ?? monotonicClock;
  const started = clock();
  const sleep = options.sleep ?? realSleep;
  const signal = options.signal ?? new AbortController().signal;
  const events = options.events ?? createActivationEvents();
  const dryRun = options.dryRun ?? false;
  const counters: CallCounters = { requests: 0, retries: 0, tokenRefreshes: 0 };
  const emit = <K extends keyof ActivationEventMap>(name: K, ...payload: ActivationEventMap[K]) => {
    (events.emit as (n: K, ...p: unknown[]) => boolean)(name, ...payload.map((p) => redactor.value(p)));
  };

  const { governance, droppedTargets, blockedRequired, effectiveMapping } = governanceStep(plan, destination, snapshot);
  const report = newRunReport({
    planId: plan.id,
    destinationId: destination.id,
    mode: plan.mode,
    dryRun,
    now,
    governance: { violations: governance.violations, droppedTargets },
  });
  let budget: CallBudget<Settings> | undefined;
  const finish = (): RunReport => {
    const apiUsage = budget?.usage();
    if (apiUsage !== undefined) report.apiUsage = apiUsage;
    return redactor.value(closeRunReport(report, counters, clock() - started));
  };

  emit("run:start", { planId: plan.id, destinationId: destination.id, mode: plan.mode, dryRun, now });

  // A required target dropped by governance would send members without their identity: refuse the run.
  if (blockedRequired.length > 0) {
    report.status = "blocked";
    report.warnings.push(`governance blocks required fields: ${blockedRequired.join(", ")}; nothing was sent`);
    const result = finish();
    emit("run:end", result);
    return result;
  }

  const stateKey = options.stateKey ?? `${plan.id}/${destination.id}`;
  const { state, runNumber } = await loadRunState(options.state, stateKey, { dryRun, mode: plan.mode, now, redactor });
  const saver = createCheckpointer(options.state, stateKey, state, dryRun);
  budget = new CallBudget(destination, settings, state, now, () => counters.requests);
  const calls = budget;
  const checkpoint = (audienceId: string, held: number) => {
    calls.record(state); // the day's call count goes into every save
    return saver.checkpoint(() => emit("checkpoint", { audienceId, held }));
  };
  const caller = new DestinationCaller(destination, settings, {
    signal,
    now,
    sleep,
    clock,
    random: options.random ?? Math.random,
    emit,
    redactor,
    limiter: new RateLimiter(limits.requestsPerWindow, clock, sleep),
    counters,
    reportApiUsage: (usage) => calls.report(usage),
    // Fingerprints of issued credentials are saved before they are used, so a later run can redact them.
    onCredentials: async (auth) => {
      if (dryRun) return;
      rememberCredentials(state, auth);
      await checkpoint("*", 0);
    },
  });
  const run: RunContext<Settings> = {
    definition: destination,
    settings,
    limits,
    plan,
    snapshot,
    caller,
    state,
    report,
    now,
    dryRun,
    previewLimit: options.previewLimit ?? 100,
    signal,
    sleep,
    clock,
    random: options.random ?? Math.random,
    countRetry: () => {
      counters.retries++;
    },
    redactor,
    runNumber,
    nextIdempotencyKey: () => {
      const current = state.run!;
      return idempotencyKey(current.id, current.nextBatch++);
    },
    emit,
    checkpoint,
    callBudget: calls,
    fail: (failure: MemberFailure) => {
      report.failureCount++;
      if (report.failures.length < MAX_LISTED_FAILURES) report.failures.push(redactor.value(failure));
    },
  };

  const excluded = new Set(plan.exclusions.memberIds);
  for (const id of plan.exclusions.audienceIds) {
    for (const m of options.audiences.find((a) => a.audienceId === id)?.memberIds ?? []) excluded.add(m);
  }

  try {
    for (const { audienceId } of plan.audiences) {
      const membership = throughPeople.get(audienceId) ?? options.audiences.find((a) => a.audienceId === audienceId)!;
      await activateAudience(run, membership, effectiveMapping[membership.type], excluded);
    }
    if (!dryRun) {
      state.lastRunAt = now;
      state.run = undefined; // finished: the next run is a new one, with new keys
      await checkpoint("*", 0);
    }
  } catch (error) {
    await saver.settled();
    // the calls made since the last save count against the day's budget of the next run
    if (!dryRun && error instanceof StopRunError) await checkpoint("*", 0).catch(() => undefined);
    report.status = statusOfFailedRun(error);
    if (error instanceof StopRunError) report.warnings.push(error.message);
    const partial = finish();
    emit("run:end", partial);
    throw errorOfFailedRun(error, partial, signal, redactor);
  }
  const result = finish();
  emit("run:end", result);
  return result;
}
