import { buildSnapshot, type Snapshot, type SnapshotInput } from "@abm-kit/core";
import type { Audience, Condition } from "../src/index.js";

/** The evaluation moment of the fixtures. */
export const NOW = "2026-03-31T12:00:00.000Z";
const nowMs = Date.parse(NOW);
const DAY = 86_400_000;
/** An ISO instant `days` before NOW (negative: after NOW). */
export const daysAgo = (days: number) => new Date(nowMs - days * DAY).toISOString();

/** A small B2B dataset covering the semantic edges: missing values, shared people, no people, events at window ends and after now. */
export function fixtureInput(): SnapshotInput {
  return {
    accounts: [
      {
        id: "A1",
        name: "Acme",
        industry: "Software",
        type: "Customer",
        employeeCount: 500,
        annualRevenue: 1e8,
        country: "US",
        domain: "acme.com",
        createdAt: "2025-01-15T00:00:00.000Z",
        attributes: { Tags__c: ["ABM", "Tier 1"] },
      },
      { id: "A2", name: "Bank", industry: "Financial Services", type: "Prospect", country: "DE", domain: "bank.de", attributes: { Tags__c: ["tier 1"] } },
      { id: "A3", name: "NoIndustry", type: "Prospect", employeeCount: 50, domain: "noind.io" },
      { id: "A4", name: "Empty Co", industry: "software", type: "Partner", employeeCount: 10000, domain: "empty.com" },
    ],
    persons: [
      { id: "P1", email: "p1@acme.com", title: "Chief Marketing Officer", consent: { email: "granted" } },
      { id: "P2", email: "p2@acme.com", title: "VP Marketing", consent: { email: "denied" } },
      { id: "P3", email: "p3@bank.de" },
      { id: "P4", email: "p4@noind.io", title: "CIO" },
    ],
    links: [
      { accountId: "A1", personId: "P1", roles: ["Decision Maker"] },
      { accountId: "A2", personId: "P1", isDirect: false, roles: ["Influencer"] },
      { accountId: "A1", personId: "P2" },
      { accountId: "A2", personId: "P3", roles: ["Decision Maker", "Economic Buyer"] },
      { accountId: "A3", personId: "P4", isActive: false },
    ],
    opportunities: [
      { id: "O1", accountId: "A1", stage: "Closed Won", amount: 50000, isClosed: true, isWon: true, closeDate: "2026-02-28" },
      { id: "O2", accountId: "A1", stage: "Negotiation/Review", amount: 20000, isClosed: false, isWon: false, closeDate: "2026-04-30" },
      { id: "O3", accountId: "A2", stage: "Prospecting", isClosed: false, isWon: false },
    ],
    opportunityRoles: [{ opportunityId: "O2", personId: "P2", role: "Economic Buyer", isPrimary: true }],
    campaigns: [{ id: "C1", name: "Webinar", type: "Webinar", status: "Completed" }],
    campaignMembers: [{ campaignId: "C1", personId: "P1", status: "Attended", hasResponded: true }],
    events: [
      { id: "E1", type: "Visit Webpage", occurredAt: daysAgo(30), personId: "P1", properties: { webpage: "/pricing" } },
      { id: "E2", type: "Visit Webpage", occurredAt: daysAgo(-0.05), personId: "P1", properties: { webpage: "/pricing" } },
      { id: "E3", type: "Visit Webpage", occurredAt: daysAgo(2), personId: "P2", properties: { webpage: "/blog" } },
      { id: "E4", type: "Fill Out Form", occurredAt: daysAgo(5), personId: "P2", properties: { form: "Demo Request" } },
      { id: "E5", type: "Open Email", occurredAt: daysAgo(31), personId: "P3" },
      { id: "E6", type: "Intent Surge", occurredAt: daysAgo(3), accountId: "A2", properties: { topic: "CRM" } },
      { id: "E7", type: "Visit Webpage", occurredAt: daysAgo(1), personId: "P4", properties: { webpage: "/pricing" } },
      { id: "E8", type: "Visit Webpage", occurredAt: NOW, personId: "P3", properties: { webpage: "/pricing" } },
    ],
    related: {
      ownedProducts: [
        { key: "A1", values: { product: "Analytics", productFamily: "Platform", purchaseDate: "2025-09-30", status: "Active" } },
        { key: "A1", values: { product: "CRM", productFamily: "Apps", purchaseDate: "2024-01-10", status: "Expired" } },
        { key: "A2", values: { product: "Analytics", productFamily: "Platform", purchaseDate: "2026-02-01", status: "Active" } },
      ],
      intent: [
        { key: "https://www.acme.com", values: { topic: "CRM", score: 80, observedAt: "2026-03-20" } },
        { key: "bank.de", values: { topic: "CRM", score: 40, observedAt: "2026-03-25" } },
        { key: "bank.de", values: { topic: "ERP", score: 90, observedAt: "2026-03-26" } },
      ],
    },
  };
}

/** Builds the fixture snapshot (optionally from a transformed input). */
export function fixtureSnapshot(transform: (input: SnapshotInput) => SnapshotInput = (i) => i): Snapshot {
  return buildSnapshot(transform(fixtureInput()), {
    asOf: NOW,
    fields: { account: { Tags__c: { type: "multi" } } },
    relatedTables: [
      {
        name: "ownedProducts",
        keyedBy: "account",
        fields: { product: { type: "string" }, productFamily: { type: "string" }, purchaseDate: { type: "date" }, status: { type: "string" } },
      },
      { name: "intent", keyedBy: "domain", fields: { topic: { type: "string" }, score: { type: "number" }, observedAt: { type: "date" } } },
    ],
  });
}

/** An account audience with this condition. */
export function accountAudience(condition: Condition, id = "test"): Audience {
  return { id, name: id, version: 1, type: "account", condition };
}

/** A person audience with this condition. */
export function personAudience(condition: Condition, id = "test"): Audience {
  return { id, name: id, version: 1, type: "person", condition };
}
