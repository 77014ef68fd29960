import pLimit from "p-limit";
import type { DestinationMember } from "../definition/member.js";
import { mapDesired } from "./desired-members.js";
import { batchIdempotencyKey, memberFingerprint } from "./fingerprint.js";
import { deliveredRecord, idsToAdd, removalMember, type AudienceJob, type RunContext } from "./run-context.js";

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
 * checkpoints after every batch, so a crash loses at most the batches in flight.
 */
export async function deliverStreaming<Settings>(run: RunContext<Settings>, job: AudienceJob): Promise<void> {
  const { definition, caller, plan } = run;
  const sendBatch = definition.sendBatch!;
  const addIds = idsToAdd(job, plan.mode);
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
    if (job.audienceState.externalId !== externalId) {
      job.audienceState.externalId = externalId;
      await run.checkpoint(job.target.audienceId, Object.keys(job.audienceState.members).length);
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
          await sendOne(run, job, batch.action, batch.ids, externalId, sendBatch);
        } catch (error) {
          fatal ??= { error };
        }
      }),
    ),
  );
  if (fatal !== undefined) throw fatal.error;
}

async function sendOne<Settings>(
  run: RunContext<Settings>,
  job: AudienceJob,
  action: "add" | "remove",
  ids: readonly string[],
  externalId: string,
  sendBatch: NonNullable<RunContext<Settings>["definition"]["sendBatch"]>,
): Promise<void> {
  const members: DestinationMember[] = action === "add" ? ids.map((id) => mapDesired(job.desired, id)) : ids.map((id) => removalMember(job, id));
  const fingerprints = new Map(members.map((m) => [m.memberId, action === "add" ? memberFingerprint(m) : "-"]));
  const keyOf = (sent: readonly DestinationMember[]) =>
    batchIdempotencyKey(job.target.audienceId, externalId, action, sent.map((m) => [m.memberId, fingerprints.get(m.memberId)!] as const));
  const results = await run.caller.sendBatch(sendBatch, { action, audience: job.target, externalId }, members, keyOf);
  let ok = 0;
  let failed = 0;
  for (const member of members) {
    const result = results.get(member.memberId);
    if (result?.ok) {
      ok++;
      if (action === "add") {
        job.audienceState.members[member.memberId] = deliveredRecord(job, member, fingerprints.get(member.memberId)!);
        job.report.exported++;
      } else {
        delete job.audienceState.members[member.memberId];
        job.report.removed++;
      }
    } else {
      failed++;
      job.report.failed++;
      run.fail({
        audienceId: job.target.audienceId,
        memberId: member.memberId,
        action,
        code: result?.ok === false ? result.code : "NO_RESULT",
        message: result?.ok === false ? result.message : "no result",
      });
    }
  }
  run.emit("batch:sent", { audienceId: job.target.audienceId, action, size: members.length, ok, failed });
  await run.checkpoint(job.target.audienceId, Object.keys(job.audienceState.members).length);
}
