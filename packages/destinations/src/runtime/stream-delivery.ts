import pLimit from "p-limit";
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
  const addIds = idsToAdd(job, plan.mode, run.runNumber);
  const removeIds = job.delta.exited;

  if (run.dryRun) {
    job.report.preview = {
      adds: addIds.slice(0, run.previewLimit).map((id) => mapDesired(job.desired, id)),
      removes: removeIds.slice(0, run.previewLimit).map((id) => removalMember(job, id)),
      files: [],
    };
    return;
  }
  if (addIds.length === 0 && removeIds.length === 0 && job.audienceState.externalId !== undefined) {
    job.report.externalId = job.audienceState.externalId;
    return;
  }

  let externalId = job.audienceState.externalId ?? job.target.audienceId;
  const ensure = definition.ensureAudience;
  if (ensure !== undefined) {
    const known = job.audienceState.externalId;
    const ref = await caller.call("find or create audience", (ctx) => ensure(ctx, job.target, known));
    externalId = ref.externalId;
    const stored = run.redactor.text(externalId); // no secret enters the state
    if (job.audienceState.externalId !== stored) {
      job.audienceState.externalId = stored;
      await run.checkpoint(job.target.audienceId, job.held);
    }
    if (ref.readyAfterMs !== undefined && ref.readyAfterMs > 0) await run.sleep(ref.readyAfterMs, run.signal);
  } else {
    job.audienceState.externalId = externalId;
  }
  job.report.externalId = externalId;

  const batchSize = definition.limits.maxBatchSize ?? DEFAULT_BATCH_SIZE;
  const batches = [
    ...chunk(removeIds, batchSize).map((ids) => ({ action: "remove" as const, ids })),
    ...chunk(addIds, batchSize).map((ids) => ({ action: "add" as const, ids })),
  ];
  const limit = pLimit(definition.limits.maxConcurrency ?? 1);
  let fatal: { error: unknown } | undefined;

  await Promise.all(
    batches.map((batch) =>
      limit(async () => {
        if (fatal !== undefined || run.signal.aborted) return;
        try {
          const members: DestinationMember[] = batch.ids.map((id) => (batch.action === "add" ? mapDesired(job.desired, id) : removalMember(job, id)));
          const fingerprints = new Map(members.map((m) => [m.memberId, batch.action === "add" ? memberFingerprint(m) : "-"]));
          await sendTrackedBatch(run, job, batch.action, externalId, members, fingerprints);
        } catch (error) {
          fatal ??= { error };
        }
      }),
    ),
  );
  if (fatal !== undefined) throw fatal.error;
}
