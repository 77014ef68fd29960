import type { Snapshot } from "@abm-kit/core";
import type { TargetAudience } from "../definition/adapter-context.js";
import type { DestinationDefinition } from "../definition/destination-definition.js";
import type { MappingTarget } from "../definition/mapping-target.js";
import type { CellValue, DestinationMember } from "../definition/member.js";
import type { FieldMapping } from "../mapping/field-mapping.js";
import type { ActivationState, AudienceState, DeliveredMember } from "../state/activation-state.js";
import type { ActivationPlan } from "./activation-plan.js";
import type { ActivationEventMap } from "./activation-events.js";
import type { MembershipDelta } from "./delta.js";
import type { DesiredMembers } from "./desired-members.js";
import type { DestinationCaller } from "./destination-caller.js";
import type { AudienceRunReport, MemberFailure, RunReport } from "./run-report.js";

/** Everything one run shares across its audiences. */
export interface RunContext<Settings> {
  readonly definition: DestinationDefinition<Settings>;
  readonly settings: Settings;
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
  /** Emits an event with its payload redacted. */
  emit<K extends keyof ActivationEventMap>(name: K, ...payload: ActivationEventMap[K]): void;
  /** Saves the state now (saves are serialized). */
  checkpoint(audienceId: string, held: number): Promise<void>;
  /** Records a member failure in the report. */
  fail(failure: MemberFailure): void;
}

/** One audience's work in a run. */
export interface AudienceJob {
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

/** The ids to add this run: every desired member (full) or the new and changed ones (incremental), ascending. */
export function idsToAdd(job: AudienceJob, mode: "full" | "incremental"): string[] {
  if (mode === "full") return [...job.desired.fingerprints.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const ids = [...job.delta.realized, ...job.delta.changed];
  return ids.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** What state keeps of a sent member. */
export function deliveredRecord(job: AudienceJob, member: DestinationMember, fingerprint: string): DeliveredMember {
  const k: Record<string, CellValue> = {};
  for (const name of job.keptTargets) k[name] = member.fields[name] ?? null;
  return { h: fingerprint, k };
}

/** A member to remove, rebuilt from what state kept when it was sent. */
export function removalMember(job: AudienceJob, memberId: string): DestinationMember {
  return { memberId, fields: { ...(job.audienceState.members[memberId]?.k ?? {}) } };
}
