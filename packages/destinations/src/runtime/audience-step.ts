import { destinationLimitFindings } from "@abm-kit/guardrails/internal";
import type { MappingTarget } from "../definition/mapping-target.js";
import type { AudienceMembership } from "../definition/membership.js";
import { RetryableError, TerminalError } from "../errors.js";
import type { FieldMapping } from "../mapping/field-mapping.js";
import { emptyDict } from "../state/dict.js";
import { computeDelta } from "./delta.js";
import { isAccountPeopleMembership } from "./account-people-memberships.js";
import { describeAudience } from "./describe-audience.js";
import { desiredMembers } from "./desired-members.js";
import type { DesiredMembers, MemberSource } from "./member-source.js";
import { deliverFiles } from "./file-delivery.js";
import type { AudienceJob, RunContext } from "./run-context.js";
import type { AudienceRunReport } from "./run-report.js";
import { deliverStreaming } from "./stream-delivery.js";
import { resendInFlight, type BatchScope } from "./tracked-batch.js";
import { planAudienceCalls } from "./call-budget.js";

/**
 * Brings one audience up to date in a run: works out the members to send
 * (consent, exclusions, mapping), replays batches a run that died left in
 * flight, computes the delta, warns about size limits, delivers (streaming
 * or files), asks the destination about the result, and checkpoints. A
 * destination that refuses the audience itself fails its pending members and
 * the run goes on with the next audience.
 */
export async function activateAudience<Settings>(
  run: RunContext<Settings>,
  membership: AudienceMembership,
  mapping: readonly FieldMapping[],
  excluded: ReadonlySet<string>,
  /** The member source the audience reads from (plan `source: "sql"`); without one, the membership's ids on the run's Snapshot. */
  source?: MemberSource,
): Promise<void> {
  const { audienceId, type } = membership;
  const { definition, state } = run;
  const targets: readonly MappingTarget[] = definition.mappingTargets[type] ?? [];
  const through = isAccountPeopleMembership(membership) ? membership : undefined;
  const consent = type === "person" ? run.plan.consent : undefined;
  const desired: DesiredMembers =
    source !== undefined
      ? await source.desired({ excluded, consent, mapping, targets })
      : desiredMembers(run.snapshot!, type, membership.memberIds, excluded, consent, mapping, targets, through?.accountRowOf);
  const audienceState = (state.audiences[audienceId] ??= { members: emptyDict() });
  const keptNames = targets.filter((t) => t.identity !== undefined || t.required).map((t) => t.name);
  const keptTargets = keptNames.length > 0 ? keptNames : [...new Set(mapping.map((m) => m.target))];
  const target = {
    audienceId,
    audienceName: membership.audienceName ?? audienceId,
    type,
    ...(through !== undefined ? { throughAccounts: true as const } : {}),
  };
  // Batches a run that died left in flight go out again first, unchanged, under their keys.
  const replay: BatchScope = {
    target,
    audienceState,
    keptTargets,
    counts: { exported: 0, removed: 0, failed: 0 },
    held: Object.keys(audienceState.members).length,
  };
  if (!run.dryRun && definition.delivery.kind === "streaming" && (audienceState.inFlight?.length ?? 0) > 0) await resendInFlight(run, replay);
  const delta = computeDelta(audienceState.members, desired.fingerprints);
  const audienceReport: AudienceRunReport = {
    audienceId,
    audienceName: membership.audienceName ?? audienceId,
    type,
    ...(through !== undefined ? { accountPeople: through.counts } : {}),
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
    warnings: [...(through?.warnings ?? [])],
    preview: undefined,
  };
  run.report.audiences.push(audienceReport);
  // size limits: the same check guardrails make before a run, on the members this run would send
  for (const finding of destinationLimitFindings(
    { limits: run.limits, audiences: [{ audienceId, size: desired.fingerprints.size }] },
    () => `destination ${definition.id}`,
  )) {
    audienceReport.warnings.push(finding.message);
  }
  run.emit("audience:delta", {
    audienceId,
    realized: delta.realized.length,
    existing: delta.existing.length,
    changed: delta.changed.length,
    exited: delta.exited.length,
    desired: desired.fingerprints.size,
  });
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
  planAudienceCalls(run, job);
  try {
    if (definition.delivery.kind === "file") await deliverFiles(run, job);
    else await deliverStreaming(run, job);
  } catch (error) {
    if (error instanceof TerminalError || error instanceof RetryableError) {
      // the destination refused the audience itself (or kept failing): record it and go on with the next audience
      audienceReport.warnings.push(run.redactor.text(`${(error as Error).message}`));
      const pending = Math.max(0, audienceReport.desired - audienceReport.exported - audienceReport.failed);
      audienceReport.failed += Math.max(0, pending);
      run.report.failureCount += Math.max(0, pending);
      return;
    }
    throw error;
  }
  if (!run.dryRun) await describeAudience(run, job);
  if (!run.dryRun) {
    audienceState.lastRunAt = run.now;
    await run.checkpoint(audienceId, job.held);
  }
}
