import type { MarketoErrorCode } from "../error-codes.js";
import { RetryableError, type AdapterContext } from "@abm-kit/destinations";
import { envelopeOf } from "../http/envelope.js";
import type { MarketoSettings } from "../settings.js";

/** What Marketo did with one lead id of a membership call. */
export type MembershipOutcome = { readonly ok: true } | { readonly ok: false; readonly code: string; readonly message: string };

// A remove that finds the lead gone or not in the list leaves it out of the list all the same (error-codes.md: 1004, 1015).
const REMOVED_ANYWAY = new Set(["1004", "1015"]);

/**
 * Adds lead ids to a static list (`POST /rest/v1/lists/{listId}/leads.json?id=…&id=…`)
 * or removes them (`DELETE`, same path), list-membership.md: at most
 * `maxBatchSize` (≤ 300) ids a call (300 ids of up to 10 digits keep the URI
 * under 8 KB); `result[i].status` is `added` / `removed` / `skipped` with reasons.
 */
export async function changeListMembers(
  ctx: Pick<AdapterContext<MarketoSettings>, "settings" | "request">,
  listId: string,
  action: "add" | "remove",
  leadIds: readonly number[],
): Promise<Map<number, MembershipOutcome>> {
  const outcomes = new Map<number, MembershipOutcome>();
  const size = ctx.settings.maxBatchSize;
  for (let i = 0; i < leadIds.length; i += size) {
    const chunk = leadIds.slice(i, i + size);
    const answer = await ctx.request({
      method: action === "add" ? "POST" : "DELETE",
      path: `/rest/v1/lists/${encodeURIComponent(listId)}/leads.json?${chunk.map((id) => `id=${id}`).join("&")}`,
    });
    const result = envelopeOf(answer.body).result ?? [];
    const byId = new Map<number, { status?: unknown; reasons?: { code?: unknown; message?: unknown }[] }>();
    for (const r of result) {
      const item = (r ?? {}) as { id?: unknown };
      if (typeof item.id === "number") byId.set(item.id, item as never);
    }
    for (const id of chunk) {
      const item = byId.get(id);
      if (item === undefined) throw new RetryableError<MarketoErrorCode>("MALFORMED_RESPONSE", `${answer.what} returned no result for a lead`);
      const reason = Array.isArray(item.reasons) ? item.reasons[0] : undefined;
      const code = String(reason?.code ?? "");
      if (item.status === (action === "add" ? "added" : "removed") || (action === "remove" && REMOVED_ANYWAY.has(code))) outcomes.set(id, { ok: true });
      else
        outcomes.set(id, {
          ok: false,
          code: `MARKETO_${code || "SKIPPED"}`,
          message: typeof reason?.message === "string" ? reason.message.slice(0, 300) : `Marketo answered ${String(item.status)}`,
        });
    }
  }
  return outcomes;
}
