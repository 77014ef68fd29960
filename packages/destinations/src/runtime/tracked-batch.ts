import type { BatchAudienceRef, MemberBatch, TargetAudience } from "../definition/adapter-context.js";
import type { DestinationMember, MemberResult } from "../definition/member.js";
import { RetryableError, TerminalError } from "../errors.js";
import type { AudienceState, InFlightBatch } from "../state/activation-state.js";
import { backoffDelay } from "./backoff.js";
import { deliveredRecord, holdMember, type RunContext } from "./run-context.js";

/** One audience's part of the state and report that sending batches updates. */
export interface BatchScope {
  readonly target: TargetAudience;
  readonly audienceState: AudienceState;
  /** Targets kept in state to remove members later. */
  readonly keptTargets: readonly string[];
  /** Confirmed adds and removes, and failed members. */
  readonly counts: { exported: number; removed: number; failed: number };
  /** How many members the destination holds (kept up to date for checkpoint events). */
  held: number;
}

/**
 * Sends one batch the way the runtime promises: the batch is recorded in the
 * state as in flight — with its idempotency key — and checkpointed before it
 * goes out; the request is retried under that key; members whose result is
 * retryable are sent again alone, as a new application under a new key; each
 * confirmed member is recorded; the in-flight record is dropped once every
 * member has a final result (and saved with the next checkpoint). A batch interrupted by a crash or an abort stays
 * in flight, and {@link resendInFlight} sends it again, unchanged, on resume.
 */
export async function sendTrackedBatch<Settings>(
  run: RunContext<Settings>,
  scope: BatchScope,
  action: "add" | "remove",
  audienceRef: BatchAudienceRef,
  members: readonly DestinationMember[],
  fingerprints: ReadonlyMap<string, string>,
  resumed?: InFlightBatch,
): Promise<void> {
  const send = run.definition.sendBatch!;
  const { externalId } = audienceRef;
  const { target, audienceState } = scope;
  const inFlight = (audienceState.inFlight ??= []);
  const record: InFlightBatch = resumed ?? { key: "", action, externalId: run.redactor.text(externalId), members: [] };
  if (resumed === undefined) inFlight.push(record);
  let ok = 0;
  let failed = 0;
  const fail = (memberId: string, code: string, message: string) => {
    failed++;
    scope.counts.failed++;
    run.fail({ audienceId: target.audienceId, memberId, action, code, message: run.redactor.text(message) });
  };

  let pending = members;
  for (let round = 1; pending.length > 0; round++) {
    if (round > 1 || resumed === undefined) {
      record.key = run.nextIdempotencyKey();
      record.members = pending.map((m) => ({ id: m.memberId, h: fingerprints.get(m.memberId)!, f: run.redactor.value(m.fields) }));
    }
    await run.checkpoint(target.audienceId, scope.held); // in flight before it goes out
    const request: MemberBatch = { action, audience: target, externalId, audienceRef, members: pending, idempotencyKey: record.key };
    let results: readonly MemberResult[];
    try {
      results = await run.caller.call(`${action} batch`, (ctx) => send(ctx, request), {
        onRetry: (attempt, delayMs, error) =>
          run.emit("batch:retry", { audienceId: target.audienceId, action, size: pending.length, attempt, delayMs, code: error.code, message: error.message }),
      });
    } catch (error) {
      // aborted, or an unexpected error: the batch stays in flight for the resumed run
      if (run.signal.aborted || !(error instanceof RetryableError || error instanceof TerminalError)) throw error;
      for (const m of pending) fail(m.memberId, error.code, error.message);
      break;
    }
    const byId = new Map<string, MemberResult>();
    for (const r of Array.isArray(results) ? results : []) if (r && typeof r.memberId === "string") byId.set(r.memberId, r);
    const retry: DestinationMember[] = [];
    let lastRetryable: { code: string; message: string } | undefined;
    for (const member of pending) {
      const r = byId.get(member.memberId);
      if (r === undefined) fail(member.memberId, "NO_RESULT", "the destination returned no result for this member");
      else if (r.ok) {
        ok++;
        confirm(run, scope, action, member, fingerprints.get(member.memberId)!);
      } else if (r.retryable && round < run.definition.retry.maxAttempts) {
        retry.push(member);
        lastRetryable = { code: r.code, message: r.message };
      } else fail(member.memberId, r.code, r.message);
    }
    pending = retry;
    if (pending.length > 0) {
      const delayMs = backoffDelay(round, run.definition.retry, run.random);
      run.countRetry();
      run.emit("batch:retry", {
        audienceId: target.audienceId,
        action,
        size: pending.length,
        attempt: round,
        delayMs,
        code: lastRetryable?.code ?? "RETRYABLE_MEMBERS",
        message: lastRetryable?.message ?? "some members can be retried",
      });
      await run.sleep(delayMs, run.signal);
    }
  }
  inFlight.splice(inFlight.indexOf(record), 1);
  if (inFlight.length === 0) delete audienceState.inFlight;
  run.emit("batch:sent", { audienceId: target.audienceId, action, size: members.length, ok, failed });
  // No save here: the next batch's save (before it goes out) or the audience's last one records this
  // outcome. Until then the batch is still in flight in the saved state, so a run that dies in between
  // sends it again under the same key: at most `maxConcurrency` batches are ever in flight there.
}

function confirm<Settings>(run: RunContext<Settings>, scope: BatchScope, action: "add" | "remove", member: DestinationMember, fingerprint: string): void {
  const members = scope.audienceState.members;
  const had = Object.hasOwn(members, member.memberId);
  if (action === "add") {
    holdMember(scope.audienceState, member.memberId, deliveredRecord(scope, member, fingerprint, run.runNumber, run.redactor));
    scope.counts.exported++;
    if (!had) scope.held++;
  } else {
    delete members[member.memberId];
    scope.counts.removed++;
    if (had) scope.held--;
  }
}

/** Sends again, unchanged and under their keys, the batches a run that died left in flight for this audience. */
export async function resendInFlight<Settings>(run: RunContext<Settings>, scope: BatchScope): Promise<void> {
  for (const record of [...(scope.audienceState.inFlight ?? [])]) {
    const members = record.members.map((m) => ({ memberId: m.id, fields: m.f }));
    const fingerprints = new Map(record.members.map((m) => [m.id, m.h]));
    await sendTrackedBatch(run, scope, record.action, { externalId: record.externalId }, members, fingerprints, record);
  }
}
