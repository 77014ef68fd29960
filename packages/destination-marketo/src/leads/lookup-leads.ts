import { RetryableError, type AdapterContext } from "@abm-kit/destinations";
import { envelopeOf } from "../http/envelope.js";
import { chunkBySize, MAX_URL_BYTES, queryBytes } from "../http/request-size.js";
import type { MarketoSettings } from "../settings.js";

const PATH = "/rest/v1/leads.json";

/**
 * The lead ids Marketo holds for each email (`GET /rest/v1/leads.json?filterType=email&filterValues=a,b&fields=id,email`,
 * leads.md): at most `maxBatchSize` (≤ 300) values a call, cut shorter so the
 * URI stays under 8 KB, following `nextPageToken` when an email matches
 * several leads. An email with no lead is absent from the map.
 */
export async function lookupLeads(ctx: Pick<AdapterContext<MarketoSettings>, "settings" | "request">, emails: readonly string[]): Promise<Map<string, number[]>> {
  const { settings } = ctx;
  const found = new Map<string, number[]>();
  // the URI besides the values: host, path, the other parameters and a page token
  const baseBytes = Buffer.byteLength(`${settings.restBaseUrl}${PATH}?filterType=email&fields=id%2Cemail&batchSize=300&nextPageToken=${"X".repeat(64)}&filterValues=`);
  const { chunks } = chunkBySize(emails, { maxCount: settings.maxBatchSize, maxBytes: MAX_URL_BYTES, baseBytes, separatorBytes: 3 }, queryBytes);
  for (const chunk of chunks) {
    let pageToken: string | undefined;
    do {
      const answer = await ctx.request({
        method: "GET",
        path: PATH,
        query: { filterType: "email", filterValues: chunk.join(","), fields: "id,email", batchSize: 300, nextPageToken: pageToken },
      });
      const envelope = envelopeOf(answer.body);
      for (const raw of envelope.result ?? []) {
        const lead = (raw ?? {}) as { id?: unknown; email?: unknown };
        if (typeof lead.id !== "number" || typeof lead.email !== "string") throw new RetryableError("MALFORMED_RESPONSE", `${answer.what} returned a lead without id or email`);
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
