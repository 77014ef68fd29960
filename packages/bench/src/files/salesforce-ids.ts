import { toSalesforceId18 } from "@abm-kit/sources";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A valid 18-character Salesforce id for record `index` of an object with key prefix `prefix` (`001` accounts, `003` contacts, …). */
export function salesforceId(prefix: string, index: number): string {
  let digits = "";
  let n = index;
  for (let i = 0; i < 6; i++) {
    digits = BASE62[n % 62]! + digits;
    n = Math.floor(n / 62);
  }
  return toSalesforceId18(`${prefix}5g0000${digits}`)!;
}

/** Key prefixes of the objects the export files hold. */
export const PREFIX = { account: "001", contact: "003", opportunity: "006", role: "00K", relation: "07k", asset: "02i" } as const;
