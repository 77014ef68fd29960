import type { RelatedTableDefinition, SnapshotInput } from "@abm-kit/core";

/** Each kind of {@link SnapshotInput} as an array of its input type. */
type InputArrays = { [K in Exclude<keyof SnapshotInput, "related">]-?: NonNullable<SnapshotInput[K]> extends Iterable<infer R> ? R[] : never } & Pick<
  SnapshotInput,
  "related"
>;

/** A small hand-written B2B data set covering the relation and window edge cases. */
export const NOW = Date.parse("2026-03-31T12:00:00.000Z");

export const fixture: InputArrays = {
  accounts: [
    {
      id: "acc-acme",
      name: "Acme",
      domain: "https://www.acme.com/about",
      industry: "Software",
      employeeCount: 1200,
      duns: "15-048-3782",
      attributes: { Tier__c: "Gold", Regions__c: ["EMEA", "NA"] },
    },
    { id: "acc-beta", name: "Beta", domain: "WWW.BETA.IO", industry: "Healthcare", employeeCount: 80 },
    { id: "acc-empty", name: "Lonely Corp", domain: "acme.github.io" },
    { id: "acc-other", name: "Other", domain: "other.github.io" },
  ],
  persons: [
    { id: "per-jane", email: "jane@acme.com", title: "CMO", consent: { email: "denied" } },
    { id: "per-joe", email: "joe@acme.com", title: "Engineer" },
    { id: "per-sam", email: "sam@beta.io", title: "CIO" },
    { id: "per-solo", email: "solo@gmail.com" },
  ],
  links: [
    { accountId: "acc-acme", personId: "per-jane", roles: ["Decision Maker"], reason: "salesforce.Contact.AccountId" },
    { accountId: "acc-acme", personId: "per-jane", roles: ["Influencer"], isDirect: false, reason: "salesforce.AccountContactRelation" },
    { accountId: "acc-beta", personId: "per-jane", isDirect: false, reason: "salesforce.AccountContactRelation" },
    { accountId: "acc-acme", personId: "per-joe" },
    { accountId: "acc-beta", personId: "per-sam" },
    { accountId: "acc-beta", personId: "per-joe", isActive: false },
  ],
  opportunities: [
    { id: "opp-1", accountId: "acc-acme", stage: "Closed Won", amount: 50_000, closeDate: "2026-02-28", isClosed: true, isWon: true },
    { id: "opp-2", accountId: "acc-acme", stage: "Negotiation/Review", amount: 120_000, closeDate: "2026-04-30", isClosed: false },
  ],
  opportunityRoles: [{ opportunityId: "opp-2", personId: "per-jane", role: "Economic Buyer", isPrimary: true }],
  campaigns: [{ id: "cmp-1", name: "Webinar" }],
  campaignMembers: [{ campaignId: "cmp-1", personId: "per-sam", status: "Attended", hasResponded: true }],
  events: [
    // exactly at the 30-day window start, exactly at now, and one after now
    { id: "ev-start", type: "Visit Webpage", occurredAt: "2026-03-01T12:00:00.000Z", personId: "per-jane", properties: { webpage: "/pricing" } },
    { id: "ev-before", type: "Visit Webpage", occurredAt: "2026-03-01T11:59:59.999Z", personId: "per-jane" },
    { id: "ev-now", type: "Open Email", occurredAt: "2026-03-31T12:00:00.000Z", personId: "per-jane", properties: { email: "Newsletter" } },
    { id: "ev-future", type: "Open Email", occurredAt: "2026-03-31T12:00:00.001Z", personId: "per-jane" },
    { id: "ev-joe", type: "Fill Out Form", occurredAt: "2026-03-15T00:00:00+00:00", personId: "per-joe", properties: { form: "Demo" } },
    { id: "ev-surge", type: "Intent Surge", occurredAt: "2026-03-20T00:00:00.000Z", accountId: "acc-beta", properties: { topic: "CRM", score: 91 } },
  ],
  related: {
    intent: [
      { key: "https://beta.io/", values: { topic: "CRM", score: 91 } },
      { key: "acme.com", values: { topic: "ABM", score: 40 } },
      { key: "nobody-here.com", values: { topic: "ABM", score: 10 } },
    ],
    firmographics: [{ key: "150483782", values: { employees: 1250 } }],
    ownedProducts: [{ key: "acc-acme", values: { product: "Analytics", purchaseDate: "2025-10-15" } }],
  },
} satisfies SnapshotInput;

export const relatedTables: RelatedTableDefinition[] = [
  { name: "intent", keyedBy: "domain", fields: { topic: { type: "string" }, score: { type: "number" } } },
  { name: "firmographics", keyedBy: "duns", fields: { employees: { type: "number" } } },
  { name: "ownedProducts", keyedBy: "account", fields: { product: { type: "string" }, purchaseDate: { type: "date", labels: ["C1"] } } },
];
