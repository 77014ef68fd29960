import type { MarketoErrorCode } from "../error-codes.js";
import { RetryableError, type AdapterContext, type CellValue } from "@abm-kit/destinations";
import { envelopeOf } from "../http/envelope.js";
import { chunkBySize, jsonBytes, MAX_BODY_BYTES } from "../http/request-size.js";
import { oneSyncAtATime } from "../leads/sync-gate.js";
import type { MarketoSettings } from "../settings.js";

/** What Marketo did with one named account: its `marketoGUID`, or why it skipped it. */
export type NamedAccountOutcome = { readonly ok: true; readonly guid: string } | { readonly ok: false; readonly code: string; readonly message: string };

function record(name: string, fields: Readonly<Record<string, CellValue>>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(fields)) if (v !== null && k !== "name") out[k] = Array.isArray(v) ? v.join(";") : v;
  out.name = name;
  return out;
}

/**
 * Syncs named accounts by name (`POST /rest/v1/namedaccounts.json`, named-accounts.md):
 * `createOrUpdate` to add (the name is the only dedupe field), or `updateOnly`
 * with `dedupeBy: "dedupeFields"` to find the `marketoGUID` of accounts to
 * remove without creating any; at most `maxBatchSize` (≤ 300) records a call,
 * a body under 1 MB, one sync at a time in a run. `result[i]` (by `seq`) is
 * `created` / `updated` with the GUID, or `skipped` (`1013`: not found).
 */
export async function syncNamedAccounts(
  ctx: Pick<AdapterContext<MarketoSettings>, "settings" | "request" | "signal">,
  action: "createOrUpdate" | "updateOnly",
  accounts: readonly { readonly name: string; readonly fields: Readonly<Record<string, CellValue>> }[],
): Promise<Map<string, NamedAccountOutcome>> {
  const outcomes = new Map<string, NamedAccountOutcome>();
  const records = accounts.map((a) => (action === "updateOnly" ? { name: a.name } : record(a.name, a.fields)));
  const { chunks, oversized } = chunkBySize(
    records,
    { maxCount: ctx.settings.maxBatchSize, maxBytes: MAX_BODY_BYTES, baseBytes: 100, separatorBytes: 1 },
    jsonBytes,
  );
  for (const r of oversized)
    outcomes.set(String(r.name), { ok: false, code: "MARKETO_RECORD_TOO_LARGE", message: "the account's fields exceed Marketo's 1 MB request limit" });
  for (const chunk of chunks) {
    const json = action === "updateOnly" ? { action, dedupeBy: "dedupeFields", input: chunk } : { action, input: chunk };
    const answer = await oneSyncAtATime(ctx.signal, () => ctx.request({ method: "POST", path: "/rest/v1/namedaccounts.json", json }));
    const bySeq = new Map<number, { status?: unknown; marketoGUID?: unknown; reasons?: { code?: unknown; message?: unknown }[] }>();
    (envelopeOf(answer.body).result ?? []).forEach((raw, i) => {
      const item = (raw ?? {}) as { seq?: unknown };
      bySeq.set(typeof item.seq === "number" ? item.seq : i, item as never);
    });
    chunk.forEach((r, i) => {
      const item = bySeq.get(i);
      if ((item?.status === "created" || item?.status === "updated") && typeof item.marketoGUID === "string")
        outcomes.set(String(r.name), { ok: true, guid: item.marketoGUID });
      else if (item?.status === "skipped") {
        const reason = Array.isArray(item.reasons) ? item.reasons[0] : undefined;
        outcomes.set(String(r.name), {
          ok: false,
          code: `MARKETO_${String(reason?.code ?? "SKIPPED")}`,
          message: typeof reason?.message === "string" ? reason.message.slice(0, 300) : "Marketo skipped the account",
        });
      } else throw new RetryableError<MarketoErrorCode>("MALFORMED_RESPONSE", `${answer.what} returned no result for record ${i}`);
    });
  }
  return outcomes;
}
