import type { MarketoErrorCode } from "../error-codes.js";
import { RetryableError, type AdapterContext, type CellValue } from "@abm-kit/destinations";
import { envelopeOf } from "../http/envelope.js";
import { chunkBySize, jsonBytes, MAX_BODY_BYTES } from "../http/request-size.js";
import type { MarketoSettings } from "../settings.js";
import { oneSyncAtATime } from "./sync-gate.js";

/** A lead to create or update: its email and the other mapped attributes. */
export interface LeadInput {
  readonly email: string;
  readonly attributes: Readonly<Record<string, CellValue>>;
}

/** What Marketo did with one lead: its id, or why it skipped it (`1006` field not found, `1007` several leads match, …). */
export type UpsertOutcome =
  | { readonly ok: true; readonly id: number }
  | { readonly ok: false; readonly code: string; readonly message: string; readonly retryable: boolean };

/** A value as a lead field takes it: arrays joined with `;`, nulls left out. */
function fieldValue(value: CellValue): string | number | boolean | undefined {
  if (value === null) return undefined;
  return Array.isArray(value) ? value.join(";") : value;
}

function record(lead: LeadInput): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(lead.attributes)) {
    const v = fieldValue(value);
    if (v !== undefined && name !== "email") out[name] = v;
  }
  out.email = lead.email;
  return out;
}

/**
 * Creates or updates leads by email (`POST /rest/v1/leads.json`
 * `{ action: "createOrUpdate", lookupField: "email", input }`, leads.md): at
 * most `maxBatchSize` (≤ 300) records a call and a body under 1 MB; each
 * `result[i]` (in input order) gives the lead id, or `skipped` with its reasons.
 * Calls go one at a time within a run ({@link oneSyncAtATime}): two upserts of
 * one email at once make Marketo create a duplicate lead.
 */
export async function upsertLeads(
  ctx: Pick<AdapterContext<MarketoSettings>, "settings" | "request" | "signal">,
  leads: readonly LeadInput[],
): Promise<Map<string, UpsertOutcome>> {
  const outcomes = new Map<string, UpsertOutcome>();
  const records = leads.map(record);
  const { chunks, oversized } = chunkBySize(
    records,
    { maxCount: ctx.settings.maxBatchSize, maxBytes: MAX_BODY_BYTES, baseBytes: 100, separatorBytes: 1 },
    jsonBytes,
  );
  for (const r of oversized)
    outcomes.set(String(r.email), {
      ok: false,
      retryable: false,
      code: "MARKETO_RECORD_TOO_LARGE",
      message: "the lead's attributes exceed Marketo's 1 MB request limit",
    });
  for (const chunk of chunks) {
    const answer = await oneSyncAtATime(ctx.signal, () =>
      ctx.request({ method: "POST", path: "/rest/v1/leads.json", json: { action: "createOrUpdate", lookupField: "email", input: chunk } }),
    );
    const result = envelopeOf(answer.body).result ?? [];
    chunk.forEach((r, i) => {
      const item = (result[i] ?? {}) as { id?: unknown; status?: unknown; reasons?: { code?: unknown; message?: unknown }[] };
      if ((item.status === "created" || item.status === "updated") && typeof item.id === "number") outcomes.set(String(r.email), { ok: true, id: item.id });
      else if (item.status === "skipped") {
        const reason = Array.isArray(item.reasons) ? item.reasons[0] : undefined;
        const code = String(reason?.code ?? "");
        outcomes.set(String(r.email), {
          ok: false,
          retryable: false,
          code: `MARKETO_${code || "SKIPPED"}`,
          message: typeof reason?.message === "string" ? reason.message.slice(0, 300) : "Marketo skipped the lead",
        });
      } else throw new RetryableError<MarketoErrorCode>("MALFORMED_RESPONSE", `${answer.what} returned no result for record ${i}`);
    });
  }
  return outcomes;
}
