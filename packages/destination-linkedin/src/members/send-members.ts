import type { LinkedInErrorCode } from "../error-codes.js";
import { RetryableError, TerminalError, type AdapterContext, type DestinationMember, type MemberBatch, type MemberResult } from "@abm-kit/destinations";
import type { LinkedInSettings } from "../settings.js";
import { companyElement } from "./company-element.js";
import type { BuiltElement } from "./member-element.js";
import { userElement } from "./user-element.js";

interface ItemAnswer {
  status?: unknown;
  message?: unknown;
  error?: { message?: unknown } | null;
}

const failure = (memberId: string, retryable: boolean, code: string, message: string): MemberResult => ({ memberId, ok: false, retryable, code, message });

/** The result of one element from LinkedIn's per-item answer (`elements[i].status`, 201 = done). */
function itemResult(memberId: string, item: ItemAnswer | undefined): MemberResult {
  const status = typeof item?.status === "number" ? item.status : undefined;
  if (status === undefined) return failure(memberId, true, "NO_ITEM_RESULT", "LinkedIn returned no status for this member");
  if (status >= 200 && status < 300) return { memberId, ok: true };
  const text = item?.error?.message ?? item?.message;
  const message = typeof text === "string" ? text.slice(0, 300) : `LinkedIn answered ${status} for this member`;
  return failure(memberId, status === 429 || status >= 500, `LINKEDIN_ITEM_${status}`, message);
}

/** How long after creating a segment a 404 from its member endpoints means "not visible yet" rather than "gone". */
export const NOT_READY_WINDOW_MS = 120_000;

/**
 * Adds or removes one batch of members (the runtime cuts batches to the
 * `maxBatchSize` setting): builds an element per member (members that cannot
 * become one fail without being sent), posts them as one `BATCH_CREATE`
 * request to `/rest/dmpSegments/{id}/companies` or `/users`, and maps
 * `elements[i].status` to each member's result. A 404 within
 * {@link NOT_READY_WINDOW_MS} of this run creating the segment is retryable
 * (LinkedIn has not made it visible yet), waiting `notReadyRetryAfterMs`;
 * any other 404 means the segment is gone and is terminal.
 */
export async function sendMembers(ctx: Pick<AdapterContext<LinkedInSettings>, "settings" | "request" | "clock">, batch: MemberBatch): Promise<MemberResult[]> {
  const { settings } = ctx;
  const resource = batch.audience.type === "account" ? "companies" : "users";
  const build = batch.audience.type === "account" ? companyElement : userElement;
  const results = new Map<string, MemberResult>();
  const sendable: { member: DestinationMember; element: Readonly<Record<string, unknown>> }[] = [];
  for (const member of batch.members) {
    const built: BuiltElement = build(batch.action, member.fields);
    if (built.ok) sendable.push({ member, element: built.element });
    else results.set(member.memberId, failure(member.memberId, false, built.code, built.message));
  }
  if (sendable.length > 0) {
    const answer = await ctx.request({
      method: "POST",
      path: `/rest/dmpSegments/${encodeURIComponent(batch.externalId)}/${resource}`,
      json: { elements: sendable.map((s) => s.element) },
      headers: { "x-restli-method": "BATCH_CREATE" },
      accept: [404],
    });
    if (answer.status === 404) {
      const { created, ensuredAtMs } = batch.audienceRef;
      const justCreated = created === true && ensuredAtMs !== undefined && ctx.clock() - ensuredAtMs < NOT_READY_WINDOW_MS;
      if (justCreated) {
        throw new RetryableError<LinkedInErrorCode>("SEGMENT_NOT_READY", `segment ${batch.externalId} is not visible to /${resource} yet (404)`, {
          status: 404,
          retryAfterMs: settings.notReadyRetryAfterMs,
        });
      }
      throw new TerminalError<LinkedInErrorCode>(
        "SEGMENT_NOT_FOUND",
        `segment ${batch.externalId} no longer exists (404 from /${resource}); the next run creates a new one and sends every member again`,
        { status: 404 },
      );
    }
    const items = (answer.body as { elements?: unknown } | undefined)?.elements;
    if (!Array.isArray(items))
      throw new RetryableError<LinkedInErrorCode>("MALFORMED_RESPONSE", `POST /rest/dmpSegments/{id}/${resource} returned no elements`);
    sendable.forEach((s, i) => results.set(s.member.memberId, itemResult(s.member.memberId, items[i] as ItemAnswer | undefined)));
  }
  return batch.members.map((m) => results.get(m.memberId) ?? failure(m.memberId, true, "NO_ITEM_RESULT", "not sent"));
}
