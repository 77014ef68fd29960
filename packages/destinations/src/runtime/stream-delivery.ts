import pLimit from "p-limit";
import type { BatchAudienceRef } from "../definition/adapter-context.js";
import type { DestinationMember } from "../definition/member.js";
import { mapDesired } from "./desired-members.js";
import { memberFingerprint } from "./fingerprint.js";
import { idsToAdd, removalMember, type AudienceJob, type RunContext } from "./run-context.js";
import { sendTrackedBatch } from "./tracked-batch.js";

/** The batch size used when a destination declares none. */
export const DEFAULT_BATCH_SIZE = 1000;

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Brings a streaming destination's audience up to date: finds or creates it,
 * sends removes then adds in batches within the destination's limits, and
 * checkpoints before and after every batch, so a crash loses nothing: the
 * batches in flight are sent again, under the same keys, on resume.
 */
export async function deliverStreaming<Settings>(run: RunContext<Settings>, job: AudienceJob): Promise<void> {
  const { definition, caller, plan } = run;
  let addIds = idsToAdd(job, plan.mode, run.runNumber);
  let removeIds = job.delta.exited;

  if (run.dryRun) {
    job.report.preview = {
      adds: addIds.slice(0, run.previewLimit).map((id) => mapDesired(job.desired, id)),
      removes: removeIds.slice(0, run.previewLimit).map((id) => removalMember(job, id)),
      files: [],
    };
    return;
  }
  const ensure = definition.ensureAudience;
  // Without ensureAudience nothing can have changed at the destination; with it, every run checks the audience is still there.
  if (ensure === undefined && addIds.length === 0 && removeIds.length === 0 && job.audienceState.externalId !== undefined) {
    job.report.externalId = job.audienceState.externalId;
    return;
  }

  let ref: BatchAudienceRef = { externalId: job.audienceState.externalId ?? job.target.audienceId };
  if (ensure !== undefined) {
    const known = job.audienceState.externalId;
    const ensured = await caller.call("find or create audience", (ctx) => ensure(ctx, job.target, known));
    ref = { ...ensured, ensuredAtMs: run.clock() };
    const stored = run.redactor.text(ensured.externalId); // no secret enters the state
    if (known !== undefined && known !== stored) {
      // Another audience than the one the members went to (the old one was deleted): it holds none of them.
      forgetMembers(job);
      addIds = [...job.desired.fingerprints.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      removeIds = [];
      job.report.warnings.push(`the destination audience ${known} was replaced by ${stored}; every member is sent again`);
    }
    if (known !== stored) {
      job.audienceState.externalId = stored;
      await run.checkpoint(job.target.audienceId, job.held);
    }
    if (ensured.readyAfterMs !== undefined && ensured.readyAfterMs > 0 && (addIds.length > 0 || removeIds.length > 0))
      await run.sleep(ensured.readyAfterMs, run.signal);
  } else {
    job.audienceState.externalId = ref.externalId;
  }
  job.report.externalId = ref.externalId;

  const batchSize = run.limits.maxBatchSize ?? DEFAULT_BATCH_SIZE;
  const batches = [
    ...chunk(removeIds, batchSize).map((ids) => ({ action: "remove" as const, ids })),
    ...chunk(addIds, batchSize).map((ids) => ({ action: "add" as const, ids })),
  ];
  const limit = pLimit(run.limits.maxConcurrency ?? 1);
  let fatal: { error: unknown } | undefined;

  await Promise.all(
    batches.map((batch) =>
      limit(async () => {
        if (fatal !== undefined || run.signal.aborted) return;
        try {
          const members: DestinationMember[] = batch.ids.map((id) => (batch.action === "add" ? mapDesired(job.desired, id) : removalMember(job, id)));
          const fingerprints = new Map(members.map((m) => [m.memberId, batch.action === "add" ? memberFingerprint(m) : "-"]));
          await sendTrackedBatch(run, job, batch.action, ref, members, fingerprints);
        } catch (error) {
          fatal ??= { error };
        }
      }),
    ),
  );
  if (fatal !== undefined) throw fatal.error;
}

/** Forgets every member the state says the destination holds for this audience. */
function forgetMembers(job: AudienceJob): void {
  for (const id of Object.keys(job.audienceState.members)) delete job.audienceState.members[id];
  job.held = 0;
}
