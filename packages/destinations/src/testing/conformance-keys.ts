import type { MemberBatch } from "../definition/adapter-context.js";
import type { DestinationDefinition } from "../definition/destination-definition.js";
import type { MemberResult } from "../definition/member.js";

/** One request's idempotency key, what it carried, and the (logical) run that sent it. */
export interface KeyUse {
  readonly key: string;
  /** A digest of the batch: action, audience and members with their fields. */
  readonly batch: string;
  /** Runs are numbered by the suite; a run resumed after a crash shares its number. */
  readonly run: number;
}

/** A canonical text of what a batch applies. */
export function batchDigest(batch: MemberBatch): string {
  const members = batch.members.map((m) => [
    m.memberId,
    Object.keys(m.fields)
      .sort()
      .map((k) => [k, m.fields[k]]),
  ]);
  return JSON.stringify([batch.action, batch.externalId, members]);
}

/** `definition` with every batch's key logged in `log` as sent by run `run`. */
export function loggingKeys<Settings>(definition: DestinationDefinition<Settings>, log: KeyUse[], run: number): DestinationDefinition<Settings> {
  const send = definition.sendBatch;
  if (send === undefined) return definition;
  return {
    ...definition,
    sendBatch: (ctx, batch) => {
      log.push({ key: batch.idempotencyKey, batch: batchDigest(batch), run });
      return send(ctx, batch);
    },
  };
}

/**
 * `definition` in front of a service that remembers every idempotency key
 * forever: a key seen before gets the first answer and is not sent on. A key
 * seen with a different batch is noted in `misuses`.
 */
export function rememberingKeys<Settings>(
  definition: DestinationDefinition<Settings>,
  memory: Map<string, { batch: string; results: readonly MemberResult[] }>,
  misuses: string[],
): DestinationDefinition<Settings> {
  const send = definition.sendBatch;
  if (send === undefined) return definition;
  return {
    ...definition,
    sendBatch: async (ctx, batch) => {
      const seen = memory.get(batch.idempotencyKey);
      const digest = batchDigest(batch);
      if (seen !== undefined) {
        if (seen.batch !== digest) misuses.push(`key ${batch.idempotencyKey} was sent again for a different ${batch.action} batch`);
        return seen.results;
      }
      const results = await send(ctx, batch);
      memory.set(batch.idempotencyKey, { batch: digest, results });
      return results;
    },
  };
}

/** Keys in `log` that name more than one application: sent with different batches, or by different runs. */
export function reusedKeys(log: readonly KeyUse[]): string[] {
  const byKey = new Map<string, { batches: Set<string>; runs: Set<number> }>();
  for (const use of log) {
    const entry = byKey.get(use.key) ?? { batches: new Set(), runs: new Set() };
    entry.batches.add(use.batch);
    entry.runs.add(use.run);
    byKey.set(use.key, entry);
  }
  const out: string[] = [];
  for (const [key, { batches, runs }] of byKey) {
    if (batches.size > 1) out.push(`key ${key} was sent with ${batches.size} different batches`);
    else if (runs.size > 1) out.push(`key ${key} was sent by ${runs.size} different runs`);
  }
  return out;
}
