import type { Snapshot } from "@abm-kit/core";
import type { DestinationLimits } from "@abm-kit/guardrails";
import type { TargetAudience } from "../definition/adapter-context.js";
import type { DestinationDefinition } from "../definition/destination-definition.js";
import type { MappingTarget } from "../definition/mapping-target.js";
import type { CellValue, DestinationMember } from "../definition/member.js";
import type { FieldMapping } from "../mapping/field-mapping.js";
import type { ActivationState, AudienceState, DeliveredMember } from "../state/activation-state.js";
import { setEntry } from "../state/dict.js";
import type { ActivationPlan } from "./activation-plan.js";
import type { ActivationEventMap } from "./activation-events.js";
import type { MembershipDelta } from "./delta.js";
import type { DesiredMembers } from "./desired-members.js";
import type { DestinationCaller } from "./destination-caller.js";
import type { RandomSource } from "./backoff.js";
import type { Redactor } from "./redactor.js";
import type { BatchScope } from "./tracked-batch.js";
import type { CallBudget } from "./call-budget.js";
import type { AudienceRunReport, MemberFailure, RunReport } from "./run-report.js";

/** Everything one run shares across its audiences. */
export interface RunContext<Settings> {
  readonly definition: DestinationDefinition<Settings>;
  readonly settings: Settings;
  /** The limits of this run: the declared ones made stricter by the settings. */
  readonly limits: DestinationLimits;
  readonly plan: ActivationPlan;
  readonly snapshot: Snapshot;
  readonly caller: DestinationCaller<Settings>;
  readonly state: ActivationState;
  readonly report: RunReport;
  readonly now: string;
  readonly dryRun: boolean;
  readonly previewLimit: number;
  readonly signal: AbortSignal;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Monotonic milliseconds. */
  readonly clock: () => number;
  /** Jitter source for backoff. */
  readonly random: RandomSource;
  /** Counts a retry in the report. */
  countRetry(): void;
  /** Knows every secret of the run; strings the destination returns pass through it before they enter the state. */
  readonly redactor: Redactor;
  /** The number of the run in progress (members it confirmed carry it). */
  readonly runNumber: number;
  /** A new idempotency key for one member-changing request (see {@link idempotencyKey}). */
  nextIdempotencyKey(): string;
  /** Emits an event with its payload redacted. */
  emit<K extends keyof ActivationEventMap>(name: K, ...payload: ActivationEventMap[K]): void;
  /** Saves the state now (saves are serialized). */
  checkpoint(audienceId: string, held: number): Promise<void>;
  /** Records a member failure in the report. */
  fail(failure: MemberFailure): void;
  /** The run's calls against the destination's daily budget. */
  readonly callBudget: CallBudget<Settings>;
}

/** One audience's work in a run. */
export interface AudienceJob extends BatchScope {
  readonly target: TargetAudience;
  readonly audienceState: AudienceState;
  readonly desired: DesiredMembers;
  readonly delta: MembershipDelta;
  readonly mapping: readonly FieldMapping[];
  readonly targets: readonly MappingTarget[];
  /** Targets kept in state to remove members later (identity or required targets; every target when none is marked). */
  readonly keptTargets: readonly string[];
  readonly report: AudienceRunReport;
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The ids to add this run, ascending: the new and changed ones (incremental),
 * or every desired member (full) — except, when `resumedRun` is given, those
 * this run already confirmed with the same fields (a full run resumed after
 * a crash does not send them again).
 */
export function idsToAdd(job: AudienceJob, mode: "full" | "incremental", resumedRun?: number): string[] {
  if (mode === "full") {
    const held = job.audienceState.members;
    const ids: string[] = [];
    for (const [id, fingerprint] of job.desired.fingerprints) {
      const record = resumedRun !== undefined && Object.hasOwn(held, id) ? held[id] : undefined;
      if (record === undefined || record.r !== resumedRun || record.h !== fingerprint) ids.push(id);
    }
    return ids.sort(byCodeUnit);
  }
  const ids = [...job.delta.realized, ...job.delta.changed];
  return ids.sort(byCodeUnit);
}

/** What state keeps of a member the destination confirmed in run `runNumber` (strings pass `redactor`: no secret enters the state). */
export function deliveredRecord(
  job: Pick<AudienceJob, "keptTargets">,
  member: DestinationMember,
  fingerprint: string,
  runNumber: number,
  redactor: Redactor,
): DeliveredMember {
  const k: Record<string, CellValue> = {};
  for (const name of job.keptTargets) setEntry(k, name, redactor.value(Object.hasOwn(member.fields, name) ? (member.fields[name] ?? null) : null));
  return { h: fingerprint, k, r: runNumber };
}

/** Records that the destination holds `memberId` (an own entry, whatever the id spells). */
export function holdMember(state: AudienceState, memberId: string, record: DeliveredMember): void {
  setEntry(state.members, memberId, record);
}

/** A member to remove, rebuilt from what state kept when it was sent. */
export function removalMember(job: AudienceJob, memberId: string): DestinationMember {
  const held = job.audienceState.members;
  const fields: Record<string, CellValue> = {};
  const kept = Object.hasOwn(held, memberId) ? held[memberId]!.k : undefined;
  for (const name of Object.keys(kept ?? {})) setEntry(fields, name, kept![name]!);
  return { memberId, fields };
}
