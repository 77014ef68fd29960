import { AuthExpiredError, RetryableError, TerminalError, type DestinationMember, type MemberBatch, type MemberResult } from "@abm-kit/destinations";
import { restCall, type LinkedInSession } from "../http/rest-call.js";
import { companyElement } from "./company-element.js";
import type { BuiltElement } from "./member-element.js";
import { userElement } from "./user-element.js";

interface ItemAnswer {
  status?: unknown;
  message?: unknown;
  error?: { message?: unknown } | null;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
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

/**
 * Adds or removes one batch of members: builds an element per member (members
 * that cannot become one fail without being sent), posts them as
 * `BATCH_CREATE` in requests of at most `maxBatchSize` elements to
 * `/rest/dmpSegments/{id}/companies` or `/users`, and maps `elements[i].status`
 * to each member's result. A 404 (a segment created seconds ago is not
 * visible yet) is retryable, waiting `notReadyRetryAfterMs`. When a later
 * request of a split batch fails, its members get a failure (retryable when
 * the error is) and the members already confirmed stay confirmed.
 */
export async function sendMembers(session: LinkedInSession, batch: MemberBatch): Promise<MemberResult[]> {
  const { settings } = session;
  const resource = batch.audience.type === "account" ? "companies" : "users";
  const build = batch.audience.type === "account" ? companyElement : userElement;
  const results = new Map<string, MemberResult>();
  const sendable: { member: DestinationMember; element: Readonly<Record<string, unknown>> }[] = [];
  for (const member of batch.members) {
    const built: BuiltElement = build(batch.action, member.fields);
    if (built.ok) sendable.push({ member, element: built.element });
    else results.set(member.memberId, failure(member.memberId, false, built.code, built.message));
  }
  const parts = chunks(sendable, settings.maxBatchSize);
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p]!;
    try {
      const answer = await restCall(session, {
        method: "POST",
        path: `/rest/dmpSegments/${encodeURIComponent(batch.externalId)}/${resource}`,
        json: { elements: part.map((s) => s.element) },
        batchCreate: true,
        accept: [404],
      });
      if (answer.status === 404) {
        throw new RetryableError("SEGMENT_NOT_READY", `segment ${batch.externalId} is not visible to /${resource} yet (404)`, {
          status: 404,
          retryAfterMs: settings.notReadyRetryAfterMs,
        });
      }
      const items = (answer.body as { elements?: unknown } | undefined)?.elements;
      if (!Array.isArray(items)) throw new RetryableError("MALFORMED_RESPONSE", `POST /rest/dmpSegments/{id}/${resource} returned no elements`);
      part.forEach((s, i) => results.set(s.member.memberId, itemResult(s.member.memberId, items[i] as ItemAnswer | undefined)));
    } catch (error) {
      const recoverable = error instanceof RetryableError || error instanceof AuthExpiredError || error instanceof TerminalError;
      if (p === 0 || !recoverable) throw error;
      const retryable = !(error instanceof TerminalError);
      const code = (error as RetryableError).code;
      for (const rest of parts.slice(p).flat()) results.set(rest.member.memberId, failure(rest.member.memberId, retryable, code, (error as Error).message));
      break;
    }
  }
  return batch.members.map((m) => results.get(m.memberId) ?? failure(m.memberId, true, "NO_ITEM_RESULT", "not sent"));
}
