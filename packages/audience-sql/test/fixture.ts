import { buildSnapshotUntyped, type Snapshot } from "@abm-kit/core";
import type { Audience, Condition } from "@abm-kit/audience";

/** The evaluation moment: March 31st, so "1 month ago" lands on the clamped February 28th. */
export const NOW = "2026-03-31T12:00:00.000Z";
const nowMs = Date.parse(NOW);
const DAY = 86_400_000;
/** An ISO instant `days` before NOW (negative: after NOW). */
export const daysAgo = (days: number) => new Date(nowMs - days * DAY).toISOString();

const ACCOUNTS = 8;
const PERSONS = 14;

/**
 * A B2B snapshot with the edges SQL must get right: missing values, multi-value
 * fields, persons in two accounts, an inactive link, an account without people,
 * an opportunity without an account, domain- and account-keyed related rows,
 * events at window ends, at `now`, after `now`, at the clamped month boundary,
 * and events sharing a timestamp.
 */
export function sqlFixture(): Snapshot {
  const industries = ["Software", "software", "Financial Services", "Healthcare", undefined, "Manufacturing", "Software", 'O\'Brien & Co -- "quoted"'];
  const types = ["Customer", "Prospect", "Partner", "Prospect", "Customer", undefined, "Prospect", "Customer"];
  const accounts = Array.from({ length: ACCOUNTS }, (_, i) => ({
    id: `A${i + 1}`,
    name: `Account ${i + 1}`,
    domain: `acct${i + 1}.com`,
    industry: industries[i],
    type: types[i],
    employeeCount: i === 3 ? undefined : [10, 50, 500, 0, 5000, 120, 50, 1e4][i],
    annualRevenue: i % 3 === 0 ? undefined : i * 1_000_000.5,
    country: ["US", "DE", "FR", "US", undefined, "GB", "US", "DE"][i],
    createdAt: i === 2 ? undefined : daysAgo(40 * i + 0.25),
    attributes: {
      Tags__c: i === 4 ? null : [["ABM", "Tier 1"], ["tier 1"], [], ["Tier 2", "abm"], [], ["Tier 1"], ["x"], ["ABM"]][i]!,
      Renewal__c: i === 5 ? null : ["2026-03-31", "2026-02-28", "2026-04-30", "2025-12-31", "2026-03-01", "", "2026-01-31", "2027-01-01"][i] || null,
      Strategic__c: [true, false, null, true, false, true, null, false][i]!,
      Score__c: [1, 2.5, null, 4, 5, 6.5, 7, 0][i]!,
    },
  }));
  const titles = [
    "Chief Marketing Officer",
    "CMO",
    "VP Marketing",
    "Director of IT",
    "CIO",
    undefined,
    "Chief Information Officer",
    "vp marketing",
    "Analyst",
    "Ärztin",
    "CMO",
    "Engineer",
    undefined,
    "Manager",
  ];
  const persons = Array.from({ length: PERSONS }, (_, i) => ({
    id: `P${String(i + 1).padStart(2, "0")}`,
    email: i === 5 ? undefined : `p${i + 1}@acct${(i % ACCOUNTS) + 1}.com`,
    title: titles[i],
    seniority: ["C-Level", "VP", "Director", undefined][i % 4],
    createdAt: daysAgo(i * 9),
    consent: i % 5 === 4 ? undefined : { email: (["granted", "denied", "unknown"] as const)[i % 3], advertising: (["granted", "unknown"] as const)[i % 2] },
    attributes: { Interests__c: i % 4 === 3 ? null : [["AI", "Cloud"], ["cloud"], []][i % 3]! },
  }));
  const links = [
    ["A1", "P01"],
    ["A1", "P02"],
    ["A1", "P03"],
    ["A2", "P03"],
    ["A2", "P04"],
    ["A3", "P05"],
    ["A3", "P06"],
    ["A4", "P07"],
    ["A4", "P08"],
    ["A5", "P09"],
    ["A6", "P10"],
    ["A6", "P11"],
    ["A7", "P12"],
    ["A2", "P13"],
    ["A5", "P14"],
    ["A7", "P01"],
  ].map(([accountId, personId], i) => ({
    accountId,
    personId,
    roles: i % 3 === 0 ? ["Decision Maker"] : i % 3 === 1 ? ["Influencer", "Economic Buyer"] : [],
    isActive: !(accountId === "A5" && personId === "P14"),
    isPrimary: i % 4 === 0,
    startDate: i % 2 === 0 ? "2025-06-01" : undefined,
  }));
  const stages = ["Prospecting", "Qualification", "Proposal/Price Quote", "Negotiation/Review", "Closed Won", "Closed Lost"];
  const opportunities = Array.from({ length: 12 }, (_, i) => ({
    id: `O${String(i + 1).padStart(2, "0")}`,
    accountId: i === 11 ? "A99" : `A${(i % 6) + 1}`,
    stage: stages[i % stages.length],
    amount: i % 5 === 2 ? undefined : (i + 1) * 10_000,
    isClosed: i % 6 >= 4,
    isWon: i % 6 === 4,
    closeDate: i % 4 === 3 ? undefined : ["2026-02-28", "2026-03-31", "2026-04-15", "2025-11-30"][i % 4],
  }));
  const opportunityRoles = [
    { opportunityId: "O01", personId: "P01", role: "Economic Buyer", isPrimary: true },
    { opportunityId: "O02", personId: "P04", role: "Technical Buyer" },
    { opportunityId: "O07", personId: "P02", role: "Economic Buyer", isPrimary: false },
    { opportunityId: "O03", personId: "P05" },
  ];
  const campaigns = [
    { id: "C1", name: "Webinar", type: "Webinar", status: "Completed", isActive: false, startDate: "2026-03-01" },
    { id: "C2", name: "Trade show", type: "Event", status: "Planned", isActive: true },
  ];
  const campaignMembers = [
    { campaignId: "C1", personId: "P01", status: "Attended", hasResponded: true, firstRespondedAt: daysAgo(20) },
    { campaignId: "C1", personId: "P04", status: "Registered", hasResponded: false },
    { campaignId: "C2", personId: "P01", status: "Registered" },
    { campaignId: "C2", personId: "P09", status: "Attended", hasResponded: true },
  ];
  const eventTypes = ["Visit Webpage", "Fill Out Form", "Open Email", "Click Email"];
  const pages = ["/pricing", "/blog", "/product", undefined];
  const events: Record<string, unknown>[] = [];
  // a spread of person events over 14 months, deterministic
  let n = 0;
  for (let p = 0; p < PERSONS; p++) {
    const count = (p * 7) % 9;
    for (let k = 0; k < count; k++) {
      const days = ((p * 37 + k * 53) % 420) + (k % 3) * 0.5;
      events.push({
        id: `E${++n}`,
        type: eventTypes[(p + k) % 4],
        occurredAt: daysAgo(days),
        personId: `P${String(p + 1).padStart(2, "0")}`,
        properties: { webpage: pages[(p + 2 * k) % 4] ?? null, duration: k % 4 === 1 ? null : k * 15 },
      });
    }
  }
  // window edges, `now`, after `now`, the clamped month boundary, ties
  const edges: [string, string, string][] = [
    ["P02", "Visit Webpage", daysAgo(30)],
    ["P02", "Fill Out Form", NOW],
    ["P03", "Visit Webpage", daysAgo(-1)],
    ["P03", "Fill Out Form", "2026-02-28T12:00:00.000Z"],
    ["P04", "Fill Out Form", daysAgo(3)],
    ["P04", "Visit Webpage", daysAgo(3)],
    ["P05", "Visit Webpage", daysAgo(3)],
    ["P05", "Fill Out Form", daysAgo(3)],
    ["P07", "Fill Out Form", daysAgo(10)],
    ["P07", "Open Email", daysAgo(7)],
    ["P07", "Visit Webpage", daysAgo(2)],
    ["P08", "Visit Webpage", daysAgo(1)],
    ["P09", "Fill Out Form", daysAgo(8)],
    ["P13", "Visit Webpage", daysAgo(7)],
  ];
  edges.forEach(([personId, type, occurredAt], i) =>
    events.push({ id: `X${i + 1}`, type, occurredAt, personId, properties: { webpage: i % 2 === 0 ? "/pricing" : "/demo" } }),
  );
  const accountEvents: [string, string, string, string][] = [
    ["A1", "Intent Surge", daysAgo(5), "CRM"],
    ["A2", "Intent Surge", daysAgo(29.5), "ERP"],
    ["A2", "Visit Webpage", daysAgo(4), "CRM"],
    ["A4", "Fill Out Form", daysAgo(9), "AI"],
    ["A8", "Intent Surge", daysAgo(1), "CRM"],
    ["A8", "Visit Webpage", daysAgo(0.5), "AI"],
  ];
  accountEvents.forEach(([accountId, type, occurredAt, topic], i) => events.push({ id: `Y${i + 1}`, type, occurredAt, accountId, properties: { topic } }));
  const ownedProducts = [
    { key: "A1", values: { product: "Analytics", purchaseDate: "2025-09-30", seats: 50, modules: ["core", "ai"] } },
    { key: "A1", values: { product: "CRM", purchaseDate: "2024-01-10", seats: null, modules: ["core"] } },
    { key: "A2", values: { product: "Analytics", purchaseDate: "2026-03-01", seats: 10, modules: [] } },
    { key: "A4", values: { product: "ERP", seats: 5 } },
    { key: "A99", values: { product: "Orphan", seats: 1 } },
  ];
  const intent = [
    { key: "https://www.acct1.com", values: { topic: "CRM", score: 80, observedAt: "2026-03-20" } },
    { key: "acct2.com", values: { topic: "CRM", score: 40, observedAt: "2026-03-01" } },
    { key: "ACCT2.COM", values: { topic: "ERP", score: 90, observedAt: "2026-02-28" } },
    { key: "acct6.com", values: { topic: "AI", score: null, observedAt: "2025-12-01" } },
    { key: "unknown.org", values: { topic: "CRM", score: 99 } },
  ];
  return buildSnapshotUntyped(
    { accounts, persons, links, opportunities, opportunityRoles, campaigns, campaignMembers, events, related: { ownedProducts, intent } },
    {
      asOf: NOW,
      fields: {
        account: { Tags__c: { type: "multi" }, Renewal__c: { type: "date" }, Strategic__c: { type: "boolean" }, Score__c: { type: "number" } },
        person: { Interests__c: { type: "multi" } },
        event: { webpage: { type: "string" }, duration: { type: "number" }, topic: { type: "string" } },
      },
      relatedTables: [
        {
          name: "ownedProducts",
          keyedBy: "account",
          fields: { product: { type: "string" }, purchaseDate: { type: "date" }, seats: { type: "number" }, modules: { type: "multi" } },
        },
        { name: "intent", keyedBy: "domain", fields: { topic: { type: "string" }, score: { type: "number" }, observedAt: { type: "date" } } },
      ],
    },
  );
}

/** An account audience with this condition. */
export function accountAudience(condition: Condition, id = "test"): Audience {
  return { id, name: id, version: 1, type: "account", condition };
}

/** A person audience with this condition. */
export function personAudience(condition: Condition, id = "test"): Audience {
  return { id, name: id, version: 1, type: "person", condition };
}
