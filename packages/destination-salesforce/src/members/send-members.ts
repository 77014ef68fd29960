import type { AdapterContext, DestinationMember, MemberBatch, MemberResult } from "@abm-kit/destinations";
import { addMembersJob, removeMembersJob } from "../campaign/campaign-members.js";
import { fieldJob } from "../field/field-members.js";
import { recordOf, systemsOf, type RecordRef } from "../records/record-id.js";
import type { MembershipTarget, SalesforceSettings } from "../settings.js";
import { pathFor, writeRecords } from "../write/write-records.js";
import { preparedOnce } from "../bulk/job-progress.js";

/** The mapping target that carries a member's source keys. */
export const KEYS_TARGET = "salesforceKeys";

/** The objects a member of this target may be matched to, most preferred first. */
export function objectsFor(target: MembershipTarget): readonly string[] {
  return target.kind === "campaign" ? ["Contact", "Lead"] : [target.object];
}

/** The target of an audience type. */
export function targetOf(settings: SalesforceSettings, type: "account" | "person"): MembershipTarget {
  return type === "account" ? settings.account : settings.person;
}

/** Splits members into those with a Salesforce record of the target's objects and results for those without one. */
export function matchMembers(members: readonly DestinationMember[], objects: readonly string[], orgId: string | undefined) {
  const matched: { member: DestinationMember; record: RecordRef }[] = [];
  const unmatched: MemberResult[] = [];
  for (const member of members) {
    const record = recordOf(member.fields[KEYS_TARGET], objects, orgId);
    if (record !== undefined) {
      matched.push({ member, record });
      continue;
    }
    const systems = systemsOf(member.fields[KEYS_TARGET]);
    const known = systems.length === 0 ? "it has no source keys" : `it is known only to ${systems.join(", ")}`;
    unmatched.push({
      memberId: member.memberId,
      ok: false,
      retryable: false,
      code: "SALESFORCE_NOT_MATCHABLE",
      message: `no Salesforce ${objects.join(" or ")} id among the member's source keys${orgId !== undefined ? ` of org ${orgId}` : ""} (${known}); it is not matched by any other field`,
    });
  }
  return { matched, unmatched };
}

/**
 * Sends one batch: members are matched to their Salesforce records by
 * source keys; the records to write are prepared (campaign members to
 * insert or find and delete; membership fields to set or clear) and written
 * through sObject Collections, or Bulk API 2.0 when the batch has more
 * members than `bulkThreshold`.
 */
export async function sendMembers(ctx: AdapterContext<SalesforceSettings>, batch: MemberBatch): Promise<MemberResult[]> {
  const target = targetOf(ctx.settings, batch.audience.type);
  const { matched, unmatched } = matchMembers(batch.members, objectsFor(target), ctx.settings.orgId);
  if (matched.length === 0) return unmatched;
  const size = batch.members.length;
  const key = batch.idempotencyKey;
  // On the Bulk path the records are prepared once per batch and run, so a retried batch takes up its job again.
  const prepare = <T>(fn: () => Promise<T>) => (pathFor(size, ctx.settings.bulkThreshold) === "bulk" ? preparedOnce(ctx.signal, key, fn) : fn());
  if (target.kind === "campaign") {
    if (batch.action === "add") return [...unmatched, ...(await writeRecords(ctx, addMembersJob(target, batch.externalId, matched), size, key))];
    const { job, done } = await prepare(() => removeMembersJob(ctx, batch.externalId, matched));
    return [...unmatched, ...done, ...(await writeRecords(ctx, job, size, key))];
  }
  const { job, done } = await prepare(() => fieldJob(ctx, target, batch.audience, batch.action, matched));
  return [...unmatched, ...done, ...(await writeRecords(ctx, job, size, key))];
}
