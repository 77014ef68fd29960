import type { SalesforceErrorCode } from "../error-codes.js";
import { RetryableError, type DestinationMember, type MemberResult, type TargetAudience } from "@abm-kit/destinations";
import { salesforceRequest, type SalesforceContext } from "../http/salesforce-request.js";
import type { RecordRef } from "../records/record-id.js";
import { RETRIEVE_MAX_IDS } from "../settings.js";
import { rowsByRecord } from "../campaign/campaign-members.js";
import { chunks } from "../write/collections-writer.js";
import type { RecordRow, WriteJob } from "../write/write-job.js";
import { fieldOf, membershipName, type FieldTarget } from "./ensure-field.js";
import { namesIn, withMembership } from "./membership-value.js";

/** Reads the current value of `field` of records (sObject Collections retrieve by POST, ≤ 2,000 ids a request); `null` for a record that does not exist. */
async function currentValues(ctx: SalesforceContext, object: string, field: string, ids: readonly string[]): Promise<Map<string, unknown | null>> {
  const out = new Map<string, unknown | null>();
  for (const part of chunks(ids, RETRIEVE_MAX_IDS)) {
    const answer = await salesforceRequest(ctx, { method: "POST", path: `/composite/sobjects/${object}`, json: { ids: part, fields: ["Id", field] } });
    const body = answer.body;
    if (!Array.isArray(body) || body.length !== part.length)
      throw new RetryableError<SalesforceErrorCode>(
        "MALFORMED_RESPONSE",
        `${answer.what} returned ${Array.isArray(body) ? body.length : "no"} records for ${part.length} ids`,
        { status: answer.status },
      );
    part.forEach((id, i) => {
      const record = body[i] as Record<string, unknown> | null;
      out.set(id, record === null ? null : (Object.entries(record).find(([k]) => k.toLowerCase() === field.toLowerCase())?.[1] ?? ""));
    });
  }
  return out;
}

/**
 * The updates that set (add) or clear (remove) an audience's membership on
 * the members' records. A checkbox is set to true / false. A names field is
 * read first and written back with only this audience's name added or
 * removed; a record already in the wanted state is done without a write, and
 * a record that no longer exists fails (not retryable) with `ENTITY_IS_DELETED`.
 */
export async function fieldJob(
  ctx: SalesforceContext,
  target: FieldTarget,
  audience: TargetAudience,
  action: "add" | "remove",
  members: readonly { member: DestinationMember; record: RecordRef }[],
): Promise<{ job: WriteJob; done: MemberResult[] }> {
  const field = fieldOf(target, audience).field!;
  const byRecord = [...rowsByRecord(members).values()];
  const keyOf = (r: Readonly<Record<string, unknown>>) => String(r.Id ?? "");
  if (target.kind === "checkbox") {
    const rows: RecordRow[] = byRecord.map(({ record, memberIds }) => ({ memberIds, record: { Id: record.id, [field]: action === "add" } }));
    return { job: { object: target.object, operation: "update", rows, keyOf }, done: [] };
  }
  const name = membershipName(target, audience);
  const current = await currentValues(
    ctx,
    target.object,
    field,
    byRecord.map((e) => e.record.id),
  );
  const rows: RecordRow[] = [];
  const done: MemberResult[] = [];
  for (const { record, memberIds } of byRecord) {
    const value = current.get(record.id);
    if (value === null) {
      done.push(
        ...memberIds.map((memberId) => ({
          memberId,
          ok: false as const,
          retryable: false,
          code: "SALESFORCE_ENTITY_IS_DELETED",
          message: `${target.object} ${record.id} does not exist (deleted, or not visible to this user)`,
        })),
      );
      continue;
    }
    if (namesIn(value).includes(name) === (action === "add")) {
      done.push(...memberIds.map((memberId) => ({ memberId, ok: true as const })));
      continue;
    }
    rows.push({ memberIds, record: { Id: record.id, [field]: withMembership(value, name, action === "add") } });
  }
  return { job: { object: target.object, operation: "update", rows, keyOf }, done };
}
