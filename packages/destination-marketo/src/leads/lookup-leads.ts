import type { MarketoErrorCode } from "../error-codes.js";
import { RetryableError, type AdapterContext } from "@abm-kit/destinations";
import { envelopeOf } from "../http/envelope.js";
import type { MarketoSettings } from "../settings.js";

/**
 * The lead ids Marketo holds for each email: Get Leads by Filter Type
 * (`filterType=email&filterValues=a,b&fields=id,email`, leads.md) with at
 * most `maxBatchSize` (≤ 300) values a call, following `nextPageToken` when
 * an email matches several leads. The parameters go in a form body of
 * `POST /rest/v1/leads.json?_method=GET` — Marketo's form of a GET whose
 * query would pass 8 KB (error-codes.md, 414) — so 300 long addresses fit.
 * An email with no lead is absent from the map.
 */
export async function lookupLeads(
  ctx: Pick<AdapterContext<MarketoSettings>, "settings" | "request">,
  emails: readonly string[],
): Promise<Map<string, number[]>> {
  const found = new Map<string, number[]>();
  const size = ctx.settings.maxBatchSize;
  for (let i = 0; i < emails.length; i += size) {
    const chunk = emails.slice(i, i + size);
    let pageToken: string | undefined;
    do {
      const answer = await ctx.request({
        method: "POST",
        path: "/rest/v1/leads.json",
        query: { _method: "GET" },
        form: {
          filterType: "email",
          filterValues: chunk.join(","),
          fields: "id,email",
          batchSize: "300",
          ...(pageToken !== undefined ? { nextPageToken: pageToken } : {}),
        },
      });
      const envelope = envelopeOf(answer.body);
      for (const raw of envelope.result ?? []) {
        const lead = (raw ?? {}) as { id?: unknown; email?: unknown };
        if (typeof lead.id !== "number" || typeof lead.email !== "string")
          throw new RetryableError<MarketoErrorCode>("MALFORMED_RESPONSE", `${answer.what} returned a lead without id or email`);
        const email = lead.email.trim().toLowerCase();
        const ids = found.get(email) ?? [];
        if (!ids.includes(lead.id)) ids.push(lead.id);
        found.set(email, ids);
      }
      pageToken = envelope.nextPageToken;
    } while (pageToken !== undefined);
  }
  return found;
}
