import type { DestinationMember, MemberResult } from "@abm-kit/destinations";
import type { SalesforceContext } from "../http/salesforce-request.js";
import { query } from "../records/query.js";
import type { RecordRef } from "../records/record-id.js";
import { soqlList, soqlString } from "../records/soql.js";
import type { SalesforceSettings } from "../settings.js";
import { chunks } from "../write/collections-writer.js";
import type { RecordRow, RecordValue, WriteJob } from "../write/write-job.js";

type CampaignTarget = Extract<SalesforceSettings["person"], { kind: "campaign" }>;

/** The members of each record (two people may share a Contact), in first-seen order. */
export function rowsByRecord(members: readonly { member: DestinationMember; record: RecordRef }[]): Map<string, { record: RecordRef; memberIds: string[] }> {
  const out = new Map<string, { record: RecordRef; memberIds: string[] }>();
  for (const { member, record } of members) {
    const entry = out.get(record.id) ?? { record, memberIds: [] };
    entry.memberIds.push(member.memberId);
    out.set(record.id, entry);
  }
  return out;
}

/** The CampaignMember rows that add these people (by `ContactId` or `LeadId`); an existing member (`DUPLICATE_VALUE`) counts as added. */
export function addMembersJob(target: CampaignTarget, campaignId: string, members: readonly { member: DestinationMember; record: RecordRef }[]): WriteJob {
  const rows: RecordRow[] = [...rowsByRecord(members).values()].map(({ record, memberIds }) => {
    const fields: Record<string, RecordValue> = { CampaignId: campaignId, [record.object === "Lead" ? "LeadId" : "ContactId"]: record.id };
    if (target.memberStatus !== undefined) fields.Status = target.memberStatus;
    return { memberIds, record: fields };
  });
  return { object: "CampaignMember", operation: "insert", rows, keyOf: (r) => String(r.ContactId || r.LeadId || ""), doneCodes: new Set(["DUPLICATE_VALUE"]) };
}

/** SOQL `IN` lists stay short enough for a URL (about 200 ids). */
const LOOKUP_CHUNK = 200;

/**
 * The CampaignMember rows to delete for people who left the audience (found
 * with SOQL by Contact or Lead id); people who are not members are already
 * done and get their result at once.
 */
export async function removeMembersJob(
  ctx: SalesforceContext,
  campaignId: string,
  members: readonly { member: DestinationMember; record: RecordRef }[],
): Promise<{ job: WriteJob; done: MemberResult[] }> {
  const byRecord = rowsByRecord(members);
  const rows: RecordRow[] = [];
  const found = new Set<string>();
  for (const part of chunks([...byRecord.values()], LOOKUP_CHUNK)) {
    const contacts = part.filter((p) => p.record.object === "Contact").map((p) => p.record.id);
    const leads = part.filter((p) => p.record.object === "Lead").map((p) => p.record.id);
    const ors = [...(contacts.length > 0 ? [`ContactId IN ${soqlList(contacts)}`] : []), ...(leads.length > 0 ? [`LeadId IN ${soqlList(leads)}`] : [])];
    const held = await query<{ Id?: unknown; ContactId?: unknown; LeadId?: unknown }>(
      ctx,
      `SELECT Id, ContactId, LeadId FROM CampaignMember WHERE CampaignId = ${soqlString(campaignId)} AND (${ors.join(" OR ")})`,
    );
    for (const row of held) {
      const recordId = typeof row.ContactId === "string" && row.ContactId !== "" ? row.ContactId : String(row.LeadId ?? "");
      const entry = byRecord.get(recordId) ?? [...byRecord.values()].find((e) => e.record.id.slice(0, 15) === recordId.slice(0, 15));
      if (entry === undefined || typeof row.Id !== "string" || found.has(entry.record.id)) continue;
      found.add(entry.record.id);
      rows.push({ memberIds: entry.memberIds, record: { Id: row.Id } });
    }
  }
  const done = [...byRecord.values()].filter((e) => !found.has(e.record.id)).flatMap((e) => e.memberIds.map((memberId) => ({ memberId, ok: true as const })));
  return { job: { object: "CampaignMember", operation: "delete", rows, keyOf: (r) => String(r.Id ?? "") }, done };
}
