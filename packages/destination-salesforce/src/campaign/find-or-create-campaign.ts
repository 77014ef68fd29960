import type { SalesforceErrorCode } from "../error-codes.js";
import { RetryableError, type DestinationAudienceRef, type TargetAudience } from "@abm-kit/destinations";
import { salesforceRequest, type SalesforceContext } from "../http/salesforce-request.js";
import { query } from "../records/query.js";
import { soqlString } from "../records/soql.js";
import type { SalesforceSettings } from "../settings.js";
import { campaignNameOf } from "./campaign-name.js";

type CampaignTarget = Extract<SalesforceSettings["person"], { kind: "campaign" }>;

/**
 * The Campaign of a person audience: the remembered one if it still exists,
 * else the one found by `externalIdField` = audience id (or by name), else a
 * new active Campaign (`POST /sobjects/Campaign`). A Campaign created by a
 * run that crashed before remembering it is found again, not duplicated.
 */
export async function findOrCreateCampaign(
  ctx: SalesforceContext,
  target: CampaignTarget,
  audience: TargetAudience,
  known: string | undefined,
): Promise<DestinationAudienceRef> {
  if (known !== undefined) {
    const answer = await salesforceRequest(ctx, {
      method: "GET",
      path: `/sobjects/Campaign/${encodeURIComponent(known)}`,
      query: { fields: "Id" },
      accept: [404],
    });
    if (answer.status === 200) return { externalId: known };
  }
  const name = campaignNameOf(target.campaignName, audience);
  const where = target.externalIdField !== undefined ? `${target.externalIdField} = ${soqlString(audience.audienceId)}` : `Name = ${soqlString(name)}`;
  const found = await query<{ Id?: unknown }>(ctx, `SELECT Id FROM Campaign WHERE ${where} ORDER BY CreatedDate, Id LIMIT 1`);
  const id = found[0]?.Id;
  if (typeof id === "string") return { externalId: id };
  const record: Record<string, unknown> = { Name: name, IsActive: true, Description: `abm-kit audience ${audience.audienceId}` };
  if (target.externalIdField !== undefined) record[target.externalIdField] = audience.audienceId;
  const created = await salesforceRequest(ctx, { method: "POST", path: "/sobjects/Campaign", json: record });
  const createdId = (created.body as { id?: unknown } | undefined)?.id;
  if (typeof createdId !== "string")
    throw new RetryableError<SalesforceErrorCode>("MALFORMED_RESPONSE", `${created.what} returned no id`, { status: created.status });
  return { externalId: createdId, created: true };
}
