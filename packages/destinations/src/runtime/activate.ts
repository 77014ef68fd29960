import { randomUUID } from "node:crypto";
import { AbmKitError, parseOrThrow, ValidationError, type Problem, type Snapshot } from "@abm-kit/core";
import { checkGovernance, type GovernanceFieldUse } from "@abm-kit/guardrails";
import type { DestinationDefinition } from "../definition/destination-definition.js";
import type { MappingTarget } from "../definition/mapping-target.js";
import type { AudienceMembership } from "../definition/membership.js";
import { parseSettings } from "../definition/secret.js";
import { ActivationError, RetryableError, StopRunError, TerminalError } from "../errors.js";
import type { FieldMapping } from "../mapping/field-mapping.js";
import { mappingFieldUses } from "../mapping/member-mapper.js";
import { emptyActivationState, parseActivationState } from "../state/activation-state.js";
import { emptyDict } from "../state/dict.js";
import type { StateStore } from "../state/state-store.js";
import { ActivationPlanSchema, type ActivationPlanInput } from "./activation-plan.js";
import { createActivationEvents, type ActivationEventMap, type ActivationEvents } from "./activation-events.js";
import type { RandomSource } from "./backoff.js";
import { monotonicClock, realSleep } from "./clock.js";
import { computeDelta } from "./delta.js";
import { desiredMembers } from "./desired-members.js";
import { DestinationCaller, type CallCounters } from "./destination-caller.js";
import { idempotencyKey } from "./idempotency-key.js";
import { deliverFiles } from "./file-delivery.js";
import { describeAudience } from "./describe-audience.js";
import { effectiveLimits } from "./effective-limits.js";
import { RateLimiter } from "./rate-limiter.js";
import { Redactor } from "./redactor.js";
import type { AudienceJob, RunContext } from "./run-context.js";
import { emptySkipCounts, type AudienceRunReport, type MemberFailure, type RunReport } from "./run-report.js";
import { FINGERPRINT_MIN_LENGTH, fingerprintSecret } from "./secret-fingerprint.js";
import { deliverStreaming } from "./stream-delivery.js";
import { resendInFlight, type BatchScope } from "./tracked-batch.js";

/** What {@link activate} needs besides the plan. */
export interface ActivateOptions<Settings> {
  /** The destination named by `plan.destination.id`. */
  readonly destination: DestinationDefinition<Settings>;
  /** The data the audiences were evaluated on (member fields are read from it). */
  readonly snapshot: Snapshot;
  /** The memberships of the plan's audiences and of its exclusion audiences. */
  readonly audiences: readonly AudienceMembership[];
  /** The run's moment (ISO): file names, state timestamps. */
  readonly now: string;
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
/** How many credential fingerprints the state keeps. */
const MAX_REMEMBERED_CREDENTIALS = 8;

function planProblem(path: (string | number)[], message: string): Problem {
  return { path, message };
}

/**
 * Activates a plan's audiences at a destination: computes what changed since
 * the destination was last brought up to date, maps and hashes fields, drops
 * people without consent and governance-blocked fields, sends in batches
 * within the destination's limits with retries, checkpoints progress, and
 * returns a {@link RunReport}. Aborting (or an adapter failing unexpectedly)
 * raises an {@link ActivationError} after the last checkpoint; running again resumes.
 */
export async function activate<Settings>(planInput: ActivationPlanInput, options: ActivateOptions<Settings>): Promise<RunReport> {
  const plan = parseOrThrow(ActivationPlanSchema, planInput, "activation plan");
  const { destination, snapshot } = options;
  const { result: settingsResult, secrets } = parseSettings(destination.settings, plan.destination.settings);
  const redactor = new Redactor(secrets);
  if (!settingsResult.success) {
    const problems: Problem[] = settingsResult.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)), message: i.message, code: i.code }));
    throw new ValidationError(`settings of destination ${destination.id}`, redactor.value(problems));
  }
  const settings = settingsResult.data;
  validatePlanAgainstDestination(plan, destination, options.audiences);
  if (Number.isNaN(Date.parse(options.now))) throw new ValidationError("activation options", [planProblem(["now"], "not an ISO date-time")]);

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

  // Governance: mapped fields whose labels a policy denies for the destination's marketing actions.
  const fieldUses: GovernanceFieldUse[] = [];
  for (const type of ["account", "person"] as const) {
    for (const use of mappingFieldUses(snapshot, plan.mapping[type] ?? [])) {
      fieldUses.push({ path: `mapping.${type}[${use.index}].source`, labels: use.labels, role: "mapping" });
    }
  }
  const governance = checkGovernance({ policies: plan.governance.policies, actions: destination.marketingActions, fields: fieldUses });
  const blockedPaths = new Set(governance.violations.filter((v) => v.enforcement === "block").map((v) => v.path));
  const droppedTargets: string[] = [];
  const effectiveMapping: Record<"account" | "person", FieldMapping[]> = { account: [], person: [] };
  for (const type of ["account", "person"] as const) {
    (plan.mapping[type] ?? []).forEach((m, index) => {
      if (blockedPaths.has(`mapping.${type}[${index}].source`)) droppedTargets.push(`${type}.${m.target}`);
      else effectiveMapping[type].push(m);
    });
  }

  const report: RunReport = {
    planId: plan.id,
    destinationId: destination.id,
    mode: plan.mode,
    dryRun,
    now: options.now,
    status: "completed",
    audiences: [],
    totals: { exported: 0, removed: 0, failed: 0, skipped: emptySkipCounts() },
    requests: 0,
    retries: 0,
    tokenRefreshes: 0,
    durationMs: 0,
    failures: [],
    failureCount: 0,
    governance: { violations: governance.violations, droppedTargets },
    warnings: [],
  };
  const finish = (): RunReport => {
    report.requests = counters.requests;
    report.retries = counters.retries;
    report.tokenRefreshes = counters.tokenRefreshes;
    report.durationMs = Math.max(0, clock() - started);
    for (const a of report.audiences) {
      report.totals.exported += a.exported;
      report.totals.removed += a.removed;
      report.totals.failed += a.failed;
      for (const [reason, n] of Object.entries(a.skipped)) report.totals.skipped[reason as keyof typeof a.skipped] += n;
    }
    if (report.status === "completed" && report.failureCount > 0) report.status = "completedWithFailures";
    return redactor.value(report);
  };

  emit("run:start", { planId: plan.id, destinationId: destination.id, mode: plan.mode, dryRun, now: options.now });

  // A required target dropped by governance would send members without their identity: refuse the run.
  const blockedRequired = droppedTargets.filter((t) => {
    const [type, name] = t.split(".") as ["account" | "person", string];
    return (destination.mappingTargets[type] ?? []).some((target) => target.name === name && target.required);
  });
  if (blockedRequired.length > 0) {
    report.status = "blocked";
    report.warnings.push(`governance blocks required fields: ${blockedRequired.join(", ")}; nothing was sent`);
    const result = finish();
    emit("run:end", result);
    return result;
  }

  const stateKey = options.stateKey ?? `${plan.id}/${destination.id}`;
  const loaded = await options.state.load(stateKey);
  const state = loaded === undefined ? emptyActivationState() : parseActivationState(loaded, `activation state ${JSON.stringify(stateKey)}`, [stateKey]);
  for (const fingerprint of state.credentials ?? []) redactor.remember(fingerprint);
  // A run that died is resumed as the same run: same id (so in-flight batches keep their keys), same number.
  if (!dryRun && state.run === undefined) {
    const number = (state.runs ?? 0) + 1;
    state.runs = number;
    state.run = { id: randomUUID(), number, mode: plan.mode, startedAt: options.now, nextBatch: 1 };
  }
  const runNumber = state.run?.number ?? (state.runs ?? 0) + 1;
  let saving: Promise<void> = Promise.resolve();
  let queued: Promise<void> | undefined;
  const limits = effectiveLimits(destination, settings);
  const limiter = new RateLimiter(limits.requestsPerWindow, clock, sleep);
  const caller = new DestinationCaller(destination, settings, {
    signal,
    now: options.now,
    sleep,
    clock,
    random: options.random ?? Math.random,
    emit,
    redactor,
    limiter,
    counters,
    // Fingerprints of issued credentials are saved before they are used, so a later run can redact them.
    onCredentials: async (auth) => {
      if (dryRun) return;
      const known = state.credentials ?? [];
      for (const value of [auth.accessToken, ...Object.values(auth.extra ?? {})]) {
        if (value.length < FINGERPRINT_MIN_LENGTH) continue;
        const fingerprint = fingerprintSecret(value);
        if (!known.some((f) => f.h === fingerprint.h)) known.push(fingerprint);
      }
      state.credentials = known.slice(-MAX_REMEMBERED_CREDENTIALS);
      await run.checkpoint("*", 0);
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
    now: options.now,
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
    // Saves are serialized and coalesced: a checkpoint asked for while another
    // save waits joins it (that save has not started, so it includes what was
    // recorded before the call). The state holds confirmed results and the
    // batches in flight, so any moment's copy is a consistent one.
    checkpoint: (audienceId, held) => {
      if (dryRun) return Promise.resolve();
      if (queued === undefined) {
        const next: Promise<void> = saving.then(() => {
          if (queued === next) queued = undefined;
          return options.state.save(stateKey, state);
        });
        queued = next;
        saving = next.catch(() => undefined);
      }
      return queued.then(() => emit("checkpoint", { audienceId, held }));
    },
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
      const membership = options.audiences.find((a) => a.audienceId === audienceId)!;
      const type = membership.type;
      const targets: readonly MappingTarget[] = destination.mappingTargets[type] ?? [];
      const mapping = effectiveMapping[type];
      const desired = desiredMembers(snapshot, type, membership.memberIds, excluded, type === "person" ? plan.consent : undefined, mapping, targets);
      const audienceState = (state.audiences[audienceId] ??= { members: emptyDict() });
      const keptNames = targets.filter((t) => t.identity !== undefined || t.required).map((t) => t.name);
      const keptTargets = keptNames.length > 0 ? keptNames : [...new Set(mapping.map((m) => m.target))];
      const target = { audienceId, audienceName: membership.audienceName ?? audienceId, type };
      // Batches a run that died left in flight go out again first, unchanged, under their keys.
      const replay: BatchScope = { target, audienceState, keptTargets, counts: { exported: 0, removed: 0, failed: 0 }, held: Object.keys(audienceState.members).length };
      if (!dryRun && destination.delivery.kind === "streaming" && (audienceState.inFlight?.length ?? 0) > 0) await resendInFlight(run, replay);
      const delta = computeDelta(audienceState.members, desired.fingerprints);
      const audienceReport: AudienceRunReport = {
        audienceId,
        audienceName: membership.audienceName ?? audienceId,
        type,
        externalId: audienceState.externalId,
        members: desired.given,
        desired: desired.fingerprints.size,
        realized: delta.realized.length,
        existing: delta.existing.length,
        changed: delta.changed.length,
        exited: delta.exited.length,
        exported: replay.counts.exported,
        removed: replay.counts.removed,
        failed: replay.counts.failed,
        skipped: desired.skipped,
        manifest: undefined,
        warnings: [],
        preview: undefined,
      };
      report.audiences.push(audienceReport);
      const { minAudienceSize, maxAudienceSize } = limits;
      if (minAudienceSize !== undefined && desired.fingerprints.size < minAudienceSize) {
        audienceReport.warnings.push(`${desired.fingerprints.size} members is below the destination's minimum of ${minAudienceSize}`);
      }
      if (maxAudienceSize !== undefined && desired.fingerprints.size > maxAudienceSize) {
        audienceReport.warnings.push(`${desired.fingerprints.size} members is above the destination's maximum of ${maxAudienceSize}`);
      }
      emit("audience:delta", { audienceId, realized: delta.realized.length, existing: delta.existing.length, changed: delta.changed.length, exited: delta.exited.length, desired: desired.fingerprints.size });
      const job: AudienceJob = {
        target,
        audienceState,
        desired,
        delta,
        mapping,
        targets,
        keptTargets,
        report: audienceReport,
        counts: audienceReport,
        held: replay.held,
      };
      try {
        if (destination.delivery.kind === "file") await deliverFiles(run, job);
        else await deliverStreaming(run, job);
      } catch (error) {
        if (error instanceof TerminalError || error instanceof RetryableError) {
          // the destination refused the audience itself (or kept failing): record it and go on with the next audience
          audienceReport.warnings.push(redactor.text(`${(error as Error).message}`));
          const pending = Math.max(0, audienceReport.desired - audienceReport.exported - audienceReport.failed);
          audienceReport.failed += Math.max(0, pending);
          report.failureCount += Math.max(0, pending);
          continue;
        }
        throw error;
      }
      if (!dryRun) await describeAudience(run, job);
      if (!dryRun) {
        audienceState.lastRunAt = options.now;
        await run.checkpoint(audienceId, job.held);
      }
    }
    if (!dryRun) {
      state.lastRunAt = options.now;
      state.run = undefined; // finished: the next run is a new one, with new keys
      await run.checkpoint("*", 0);
    }
  } catch (error) {
    await saving;
    report.status = error instanceof StopRunError ? error.status : "aborted";
    if (error instanceof StopRunError) report.warnings.push(error.message);
    const partial = finish();
    emit("run:end", partial);
    if (error instanceof StopRunError) {
      const stopped = redactor.error(error);
      stopped.report = partial;
      throw stopped;
    }
    if (error instanceof ActivationError) throw error;
    if (signal.aborted) throw new ActivationError("ACTIVATION_ABORTED", "the activation was aborted; running it again resumes from the last checkpoint", partial);
    if (error instanceof AbmKitError && !(error instanceof TerminalError) && !(error instanceof RetryableError)) {
      // typed errors (unsafe file names, invalid options, state store failures, an adapter's own) keep their type, with secrets removed
      throw redactor.error(error);
    }
    const message = error instanceof Error ? error.message : String(error);
    throw new ActivationError("ADAPTER_FAILED", redactor.text(`the destination adapter failed: ${message}; running again resumes from the last checkpoint`), partial);
  }
  const result = finish();
  emit("run:end", result);
  return result;
}

function validatePlanAgainstDestination<Settings>(
  plan: ReturnType<typeof ActivationPlanSchema.parse>,
  destination: DestinationDefinition<Settings>,
  audiences: readonly AudienceMembership[],
): void {
  const problems: Problem[] = [];
  if (plan.destination.id !== destination.id) {
    problems.push(planProblem(["destination", "id"], `the plan names destination ${plan.destination.id}, not ${destination.id}`));
  }
  if (!destination.delivery.modes.includes(plan.mode)) {
    problems.push(planProblem(["mode"], `destination ${destination.id} does not support ${plan.mode} exports`));
  }
  plan.audiences.forEach(({ audienceId }, i) => {
    const membership = audiences.find((a) => a.audienceId === audienceId);
    if (membership === undefined) {
      problems.push(planProblem(["audiences", i, "audienceId"], `no membership was given for audience ${audienceId}`));
      return;
    }
    if (!destination.audienceTypes.includes(membership.type)) {
      problems.push(planProblem(["audiences", i], `destination ${destination.id} does not take ${membership.type} audiences`));
    }
    if ((plan.mapping[membership.type] ?? []).length === 0) {
      problems.push(planProblem(["mapping", membership.type], `no ${membership.type} mapping for audience ${audienceId}`));
    }
  });
  plan.exclusions.audienceIds.forEach((id, i) => {
    if (!audiences.some((a) => a.audienceId === id)) problems.push(planProblem(["exclusions", "audienceIds", i], `no membership was given for exclusion audience ${id}`));
  });
  for (const type of ["account", "person"] as const) {
    const max = destination.limits.maxMappedAttributes;
    const mapped = new Set((plan.mapping[type] ?? []).map((m) => m.target)).size;
    if (max !== undefined && mapped > max) problems.push(planProblem(["mapping", type], `${mapped} mapped fields is more than the destination's ${max}`));
    const declared = destination.mappingTargets[type];
    if (declared === undefined || declared.length === 0) continue;
    const names = new Set(declared.map((t) => t.name));
    (plan.mapping[type] ?? []).forEach((m, i) => {
      if (!names.has(m.target)) problems.push(planProblem(["mapping", type, i, "target"], `destination ${destination.id} has no ${type} field ${m.target}`));
    });
    const mappedTargets = new Set((plan.mapping[type] ?? []).map((m) => m.target));
    const used = plan.audiences.some(({ audienceId }) => audiences.find((a) => a.audienceId === audienceId)?.type === type);
    if (used) {
      for (const t of declared) if (t.required && !mappedTargets.has(t.name)) problems.push(planProblem(["mapping", type], `required field ${t.name} is not mapped`));
    }
  }
  if (problems.length > 0) throw new ValidationError("activation plan", problems);
}
