import type { SalesforceErrorCode } from "../error-codes.js";
import { RetryableError, type AdapterContext, type HttpRequest, type HttpResponse } from "@abm-kit/destinations";
import { parseLimitInfo, type ApiUsage } from "../api-usage.js";
import type { SalesforceSettings } from "../settings.js";

/** What the Salesforce calls need of the adapter context. */
export type SalesforceContext = Pick<AdapterContext<SalesforceSettings>, "settings" | "auth" | "request" | "now" | "sleep" | "signal" | "reportApiUsage">;

/** The org's API host, from the token answer (`instance_url`). */
export function instanceUrlOf(ctx: Pick<SalesforceContext, "auth">): string {
  const url = ctx.auth?.extra?.instanceUrl;
  if (url === undefined) throw new RetryableError<SalesforceErrorCode>("SALESFORCE_NOT_AUTHENTICATED", "no instance_url is known yet");
  return url;
}

/** `https://<instance>/services/data/v62.0<path>` */
export function dataUrl(ctx: Pick<SalesforceContext, "auth" | "settings">, path: string): string {
  return `${instanceUrlOf(ctx)}/services/data/v${ctx.settings.apiVersion}${path}`;
}

/** Hands the org's API usage of one response on to the run report (`report.apiUsage.reported`). */
function reportUsage(ctx: SalesforceContext, usage: ApiUsage): void {
  ctx.reportApiUsage(usage);
}

/**
 * One Salesforce REST or Bulk request — a path under `/services/data/vXX.X`, or
 * a full `/services/data/…` path Salesforce handed back (`nextRecordsUrl`) —
 * on the org's instance; the `Sforce-Limit-Info` header is reported.
 */
export async function salesforceRequest(ctx: SalesforceContext, request: HttpRequest): Promise<HttpResponse> {
  const path = request.path.startsWith("/services/data/") ? `${instanceUrlOf(ctx)}${request.path}` : dataUrl(ctx, request.path);
  const response = await ctx.request({ ...request, path });
  const usage = parseLimitInfo(response.headers.get("sforce-limit-info"));
  if (usage !== undefined) reportUsage(ctx, usage);
  return response;
}
