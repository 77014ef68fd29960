import type { MarketoErrorCode } from "../error-codes.js";
import { RetryableError, type AdapterContext, type DestinationAudienceRef, type TargetAudience } from "@abm-kit/destinations";
import { envelopeOf } from "../http/envelope.js";
import { listNameOf } from "../lists/list-name.js";
import type { MarketoSettings } from "../settings.js";

type Ctx = Pick<AdapterContext<MarketoSettings>, "settings" | "request">;

const guidOf = (raw: unknown): string | undefined => {
  const guid = (raw as { marketoGUID?: unknown } | undefined)?.marketoGUID;
  return typeof guid === "string" && guid !== "" ? guid : undefined;
};

async function query(ctx: Ctx, filterType: "idField" | "dedupeFields", value: string): Promise<string | undefined> {
  const answer = await ctx.request({ method: "GET", path: "/rest/v1/namedAccountLists.json", query: { filterType, filterValues: value } });
  return guidOf(envelopeOf(answer.body).result?.[0]);
}

/**
 * Finds or creates an account audience's named account list (named-account-lists.md):
 * the remembered `marketoGUID` first (`GET /rest/v1/namedAccountLists.json?filterType=idField`),
 * then by name (`filterType=dedupeFields`), else `POST /rest/v1/namedAccountLists.json`
 * `{ action: "createOnly", dedupeBy: "dedupeFields", input: [{ name }] }`.
 */
export async function findOrCreateNamedAccountList(ctx: Ctx, audience: TargetAudience, known: string | undefined): Promise<DestinationAudienceRef> {
  if (known !== undefined && (await query(ctx, "idField", known)) === known) return { externalId: known };
  const name = listNameOf(ctx.settings.accountListName, audience);
  const existing = await query(ctx, "dedupeFields", name);
  if (existing !== undefined) return { externalId: existing };
  const created = await ctx.request({
    method: "POST",
    path: "/rest/v1/namedAccountLists.json",
    json: { action: "createOnly", dedupeBy: "dedupeFields", input: [{ name }] },
  });
  const guid = guidOf(envelopeOf(created.body).result?.[0]) ?? (await query(ctx, "dedupeFields", name));
  if (guid === undefined) throw new RetryableError<MarketoErrorCode>("MALFORMED_RESPONSE", `${created.what} returned no list id`);
  return { externalId: guid, created: true };
}

/** What Marketo did with one named account of a membership call. */
export type AccountMembershipOutcome = { readonly ok: true } | { readonly ok: false; readonly code: string; readonly message: string };

// A remove of an account that is gone or not in the list leaves it out all the same (error-codes.md: 1013, 1015).
const REMOVED_ANYWAY = new Set(["1013", "1015"]);

/**
 * Adds named accounts to a named account list (`POST /rest/v1/namedAccountList/{id}/namedAccounts.json`)
 * or removes them (`…/namedAccounts/remove.json`), `{ input: [{ marketoGUID }] }`,
 * at most `maxBatchSize` (≤ 300) a call; `result[i]` (by `seq`) says `added` /
 * `removed` / `skipped`. (The docs' remove example answers `added`; either status counts as done.)
 */
export async function changeAccountListMembers(
  ctx: Ctx,
  listId: string,
  action: "add" | "remove",
  guids: readonly string[],
): Promise<Map<string, AccountMembershipOutcome>> {
  const outcomes = new Map<string, AccountMembershipOutcome>();
  const size = ctx.settings.maxBatchSize;
  for (let i = 0; i < guids.length; i += size) {
    const chunk = guids.slice(i, i + size);
    const answer = await ctx.request({
      method: "POST",
      path: `/rest/v1/namedAccountList/${encodeURIComponent(listId)}/namedAccounts${action === "add" ? "" : "/remove"}.json`,
      json: { input: chunk.map((marketoGUID) => ({ marketoGUID })) },
    });
    const bySeq = new Map<number, { status?: unknown; reasons?: { code?: unknown; message?: unknown }[] }>();
    (envelopeOf(answer.body).result ?? []).forEach((raw, j) => {
      const item = (raw ?? {}) as { seq?: unknown };
      bySeq.set(typeof item.seq === "number" ? item.seq : j, item as never);
    });
    chunk.forEach((guid, j) => {
      const item = bySeq.get(j);
      if (item === undefined) throw new RetryableError<MarketoErrorCode>("MALFORMED_RESPONSE", `${answer.what} returned no result for record ${j}`);
      const reason = Array.isArray(item.reasons) ? item.reasons[0] : undefined;
      const code = String(reason?.code ?? "");
      const done = action === "add" ? item.status === "added" : item.status === "removed" || item.status === "added" || REMOVED_ANYWAY.has(code);
      outcomes.set(
        guid,
        done
          ? { ok: true }
          : {
              ok: false,
              code: `MARKETO_${code || "SKIPPED"}`,
              message: typeof reason?.message === "string" ? reason.message.slice(0, 300) : `Marketo answered ${String(item.status)}`,
            },
      );
    });
  }
  return outcomes;
}
