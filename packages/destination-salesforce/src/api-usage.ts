/** API requests used and allowed in the org's rolling 24 hours, as Salesforce states them. */
export interface ApiUsage {
  readonly used: number;
  readonly limit: number;
}

/**
 * Reads the `Sforce-Limit-Info` response header (`api-usage=18/15000`, possibly
 * with other comma-separated entries such as `per-app-api-usage=…`) into
 * `{ used, limit }`; `undefined` when absent or unreadable. Salesforce sends it
 * on every REST response (REST API guide, "Response Headers / Limit Info").
 */
export function parseLimitInfo(header: string | null | undefined): ApiUsage | undefined {
  if (header === null || header === undefined) return undefined;
  for (const part of header.split(",")) {
    const match = /^\s*api-usage\s*=\s*(\d+)\s*\/\s*(\d+)\s*$/i.exec(part);
    if (match === null) continue;
    const used = Number(match[1]);
    const limit = Number(match[2]);
    if (Number.isSafeInteger(used) && Number.isSafeInteger(limit) && limit > 0) return { used, limit };
  }
  return undefined;
}
