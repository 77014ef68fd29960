/** Key prefixes of the objects the fake keeps (the first three characters of a Salesforce id). */
export const KEY_PREFIX: Readonly<Record<string, string>> = { Account: "001", Contact: "003", Lead: "00Q", Campaign: "701", CampaignMember: "00v", Job: "750" };

/** An 18-character id for the `n`-th record of `object` (`001000000000001AAA`). */
export function fakeId(object: string, n: number): string {
  return `${KEY_PREFIX[object] ?? "a00"}${String(n).padStart(12, "0")}AAA`;
}

/** The object an id belongs to, by its prefix. */
export function objectOfId(id: string): string | undefined {
  return Object.entries(KEY_PREFIX).find(([, prefix]) => id.startsWith(prefix))?.[0];
}
