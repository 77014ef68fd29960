import { buildSnapshot, type Snapshot } from "@abm-kit/core";
import { describe, expect, it } from "vitest";
import { diffMembership, evaluateAll, evaluateCompositions, explain, validateAudience } from "@abm-kit/audience";
// The seed audiences of the examples, checked on a hand-built snapshot.
import { seedAudiences, seedCompositions } from "../src/audiences/index.js";

const NOW = "2026-11-20T12:00:00.000Z";

/**
 * A hand-built snapshot in the sample data's conventions (Salesforce-style
 * accounts, titles, stages and consent; Marketo event names; ownedProducts,
 * intent and technographics related tables). Every expected member below is
 * worked out from these rows by hand.
 */
function sampleLikeSnapshot(): Snapshot {
  const account = (id: string, name: string, industry: string, employeeCount: number, type: string, domain: string) => ({
    id,
    name,
    industry,
    employeeCount,
    type,
    domain,
    country: "US",
  });
  const person = (id: string, title: string, email?: "granted" | "denied" | "unknown") => ({
    id,
    email: `${id}@example.com`,
    title,
    ...(email ? { consent: { email } } : {}),
  });
  const link = (accountId: string, personId: string, extra: Record<string, unknown> = {}) => ({ accountId, personId, reason: "crm.contact", ...extra });
  const event = (id: string, type: string, personId: string, occurredAt: string) => ({ id, type, personId, occurredAt, properties: { webpage: "/pricing" } });
  return buildSnapshot(
    {
      accounts: [
        account("acc-01", "Northwind Software", "Software", 2500, "Prospect", "northwind.io"),
        account("acc-02", "Contoso Bank", "Financial Services", 8000, "Customer", "contoso-bank.com"),
        account("acc-03", "Fabrikam", "Software", 800, "Prospect", "fabrikam.com"),
        account("acc-04", "Tailspin Health", "Healthcare", 1500, "Prospect", "tailspinhealth.com"),
        account("acc-05", "Litware", "Software", 120, "Partner", "litware.com"),
        account("acc-06", "Adatum", "Manufacturing", 3000, "Customer", "adatum.com"),
        account("acc-07", "Woodgrove Capital", "Financial Services", 600, "Prospect", "woodgrove.com"),
        account("acc-08", "Proseware", "Software", 1100, "Prospect", "proseware.com"),
      ],
      persons: [
        person("per-01", "Chief Marketing Officer", "granted"),
        person("per-02", "Director of IT"),
        person("per-03", "VP Marketing", "denied"),
        person("per-04", "Marketing Coordinator", "granted"),
        person("per-05", "Software Engineer"),
        person("per-06", "CIO", "granted"),
        person("per-07", "Chief Information Officer"),
        person("per-08", "cmo", "granted"),
        person("per-09", "Head of Marketing", "granted"),
        person("per-10", "Buyer"),
        person("per-12", "Data Analyst"),
        person("per-13", "Marketing Manager", "granted"),
      ],
      links: [
        link("acc-01", "per-01"),
        link("acc-01", "per-02"),
        link("acc-01", "per-03"),
        link("acc-01", "per-12"),
        link("acc-01", "per-09", { isDirect: false, reason: "crm.accountContactRelation" }),
        link("acc-07", "per-09", { isPrimary: true }),
        link("acc-03", "per-04"),
        link("acc-03", "per-05"),
        link("acc-02", "per-06"),
        link("acc-02", "per-13"),
        link("acc-04", "per-07"),
        link("acc-05", "per-08"),
        link("acc-06", "per-10"),
      ],
      opportunities: [
        { id: "opp-01", accountId: "acc-01", stage: "Prospecting", amount: 50_000, currency: "USD", isClosed: false, isWon: false, closeDate: "2027-01-15" },
        {
          id: "opp-02",
          accountId: "acc-03",
          stage: "Negotiation/Review",
          amount: 250_000,
          currency: "USD",
          isClosed: false,
          isWon: false,
          closeDate: "2026-12-20",
        },
        { id: "opp-03", accountId: "acc-07", stage: "Proposal/Price Quote", amount: 500_000, currency: "USD", closeDate: "2026-12-31" },
        { id: "opp-04", accountId: "acc-04", stage: "Closed Won", amount: 300_000, currency: "USD", isClosed: true, isWon: true, closeDate: "2026-10-01" },
        { id: "opp-05", accountId: "acc-05", stage: "Closed Won", amount: 20_000, currency: "USD", isClosed: true, isWon: true, closeDate: "2026-05-01" },
        { id: "opp-07", accountId: "acc-01", stage: "Qualification", amount: 150_000, currency: "USD", isClosed: false, isWon: false, closeDate: "2027-02-28" },
      ],
      opportunityRoles: [
        { opportunityId: "opp-01", personId: "per-01", role: "Decision Maker" },
        { opportunityId: "opp-02", personId: "per-04", role: "Evaluator" },
        { opportunityId: "opp-02", personId: "per-05", role: "Technical Buyer" },
        { opportunityId: "opp-03", personId: "per-09", role: "Economic Buyer" },
        { opportunityId: "opp-04", personId: "per-07", role: "Decision Maker" },
        { opportunityId: "opp-07", personId: "per-02", role: "Technical Buyer" },
      ],
      events: [
        event("ev-01", "Visit Webpage", "per-01", "2026-11-18T09:00:00.000Z"),
        event("ev-02", "Open Email", "per-02", "2026-11-01T10:00:00.000Z"),
        event("ev-03", "Email Delivered", "per-03", "2026-11-10T10:00:00.000Z"),
        event("ev-04", "Fill Out Form", "per-09", "2026-11-15T10:00:00.000Z"),
        event("ev-05", "Click Link", "per-12", "2026-10-21T12:00:00.000Z"),
        event("ev-06", "Visit Webpage", "per-04", "2026-11-19T10:00:00.000Z"),
        event("ev-07", "Visit Webpage", "per-05", "2026-11-21T10:00:00.000Z"),
        event("ev-08", "Visit Webpage", "per-05", "2026-10-21T11:59:59.000Z"),
        event("ev-09", "Click Email", "per-06", "2026-11-05T10:00:00.000Z"),
        event("ev-10", "Visit Webpage", "per-13", "2026-11-12T10:00:00.000Z"),
        event("ev-11", "Visit Webpage", "per-07", "2026-09-01T10:00:00.000Z"),
        { id: "ev-12", type: "Intent Surge", accountId: "acc-06", occurredAt: "2026-11-10T00:00:00.000Z", properties: { topic: "Customer Data Platform" } },
        { id: "ev-13", type: "Intent Surge", accountId: "acc-05", occurredAt: "2026-11-01T00:00:00.000Z", properties: { topic: "Customer Data Platform" } },
      ],
      related: {
        ownedProducts: [
          { key: "acc-01", values: { product: "Analytics Cloud", productFamily: "Analytics", purchaseDate: "2026-05-10", status: "Installed" } },
          { key: "acc-02", values: { product: "Analytics Cloud", productFamily: "Analytics", purchaseDate: "2026-08-20", status: "Installed" } },
          { key: "acc-02", values: { product: "Data Hub", productFamily: "Platform", purchaseDate: "2026-09-01", status: "Installed" } },
          { key: "acc-03", values: { product: "Analytics Cloud", productFamily: "Analytics", purchaseDate: "2026-08-21", status: "Installed" } },
          { key: "acc-06", values: { product: "Analytics Cloud", productFamily: "Analytics", purchaseDate: "2026-02-19", status: "Installed" } },
          { key: "acc-07", values: { product: "Analytics Cloud", productFamily: "Analytics", purchaseDate: "2026-03-01", status: "Installed" } },
        ],
        intent: [
          { key: "northwind.io", values: { topic: "Customer Data Platform", score: 85, observedAt: "2026-11-10" } },
          { key: "fabrikam.com", values: { topic: "Customer Data Platform", score: 90, observedAt: "2026-09-15" } },
          { key: "fabrikam.com", values: { topic: "Account-Based Marketing", score: 40, observedAt: "2026-11-12" } },
          { key: "https://www.tailspinhealth.com", values: { topic: "Account-Based Marketing", score: 70, observedAt: "2026-11-01" } },
        ],
        technographics: [
          { key: "northwind.io", values: { technology: "HubSpot Marketing Hub", category: "Marketing Automation", vendor: "HubSpot" } },
          { key: "contoso-bank.com", values: { technology: "Eloqua", category: "Marketing Automation", vendor: "Oracle" } },
          { key: "fabrikam.com", values: { technology: "HubSpot CRM", category: "CRM", vendor: "HubSpot" } },
          { key: "www.woodgrove.com", values: { technology: "HubSpot Marketing Hub", category: "marketing automation", vendor: "hubspot" } },
          { key: "adatum.com", values: { technology: "Marketo Engage", category: "Marketing Automation", vendor: "Adobe" } },
          { key: "litware.com", values: { technology: "Account Engagement", category: "Marketing Automation", vendor: "Salesforce" } },
        ],
      },
    },
    {
      asOf: NOW,
      relatedTables: [
        {
          name: "ownedProducts",
          keyedBy: "account",
          fields: { product: { type: "string" }, productFamily: { type: "string" }, purchaseDate: { type: "date" }, status: { type: "string" } },
        },
        { name: "intent", keyedBy: "domain", fields: { topic: { type: "string" }, score: { type: "number" }, observedAt: { type: "date" } } },
        { name: "technographics", keyedBy: "domain", fields: { technology: { type: "string" }, category: { type: "string" }, vendor: { type: "string" } } },
      ],
    },
  );
}

const snapshot = sampleLikeSnapshot();
const results = evaluateAll(seedAudiences, snapshot, { now: NOW });
const composed = evaluateCompositions(seedCompositions, snapshot, { now: NOW, audiences: seedAudiences });
const members = (id: string) => [...results, ...composed].find((r) => r.audienceId === id)?.memberIds;

describe("seed audiences on a sample-like snapshot", () => {
  it("loads the fixture without rejects", () => {
    expect(snapshot.report.problems).toEqual([]);
    expect(Object.values(snapshot.report.unmatchedRelatedRows).reduce((a, b) => a + b, 0)).toBe(0);
    expect(snapshot.report.counts["related:technographics"]).toEqual({ read: 6, loaded: 6, rejected: 0 });
  });

  it("are valid definitions with unique ids", () => {
    for (const audience of seedAudiences) expect(validateAudience(audience)).toEqual(audience);
    const ids = [...seedAudiences.map((a) => a.id), ...composed.map((r) => r.audienceId)];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("fill buying-group gaps: software accounts with no CMO or CIO (case-insensitive), an account with no people included", () => {
    expect(members("buying-group-gaps")).toEqual(["acc-03", "acc-08"]);
  });

  it("cross-sell: Analytics Cloud bought 3–9 calendar months ago, Data Hub not owned", () => {
    expect(members("cross-sell-data-hub")).toEqual(["acc-01", "acc-07"]);
  });

  it("competitive displacement: non-customers on a competitor's marketing automation, domains in any spelling", () => {
    expect(members("competitive-displacement")).toEqual(["acc-01", "acc-05", "acc-07"]);
  });

  it("engagement tiers: distinct engaged people in the last 30 days, inclusive start, a person counted at each of their accounts", () => {
    expect(members("engaged-people-4-plus")).toEqual(["acc-01"]);
    expect(members("engaged-people-2-plus")).toEqual(["acc-01", "acc-02"]);
    expect(members("engaged-people-1-plus")).toEqual(["acc-01", "acc-02", "acc-03", "acc-07"]);
    expect(members("engagement-high")).toEqual(["acc-01"]);
    expect(members("engagement-medium")).toEqual(["acc-02"]);
    expect(members("engagement-low")).toEqual(["acc-03", "acc-07"]);
  });

  it("intent: score 70+ in the last 30 days or a surge in the last 14 days", () => {
    expect(members("intent-in-market")).toEqual(["acc-01", "acc-04", "acc-06"]);
  });

  it("suppression: customers, late-stage opportunities (open or unknown), recent wins", () => {
    expect(members("customers")).toEqual(["acc-02", "acc-06"]);
    expect(members("late-stage-opportunities")).toEqual(["acc-03", "acc-07"]);
    expect(members("recent-wins")).toEqual(["acc-04"]);
    expect(members("suppression")).toEqual(["acc-02", "acc-03", "acc-04", "acc-06", "acc-07"]);
  });

  it("ICP minus suppression, enriched for export", () => {
    expect(members("icp")).toEqual(["acc-01", "acc-02", "acc-03", "acc-04", "acc-07", "acc-08"]);
    const target = composed.find((r) => r.audienceId === "icp-target")!;
    expect(target.memberIds).toEqual(["acc-01", "acc-08"]);
    expect(target.members).toEqual([
      { id: "acc-01", attributes: { company: "Northwind Software", domain: "northwind.io", engagedPeople30d: 4 } },
      { id: "acc-08", attributes: { company: "Proseware", domain: "proseware.com", engagedPeople30d: 0 } },
    ]);
  });

  it("marketing leaders at enterprise software accounts with email consent (a person in two accounts qualifies through either)", () => {
    expect(members("marketing-leaders-enterprise-software")).toEqual(["per-01", "per-09"]);
  });

  it("buying committees of big open deals (a deal whose closed flag is missing is not known to be open)", () => {
    expect(members("buying-committees-big-open-deals")).toEqual(["per-02", "per-04", "per-05"]);
  });

  it("explain says why an account is not a member, down to the person that decided it", () => {
    const why = explain(seedAudiences.find((a) => a.id === "buying-group-gaps")!, snapshot, "acc-01", { now: NOW });
    expect(why.member).toBe(false);
    const [industry, nobody] = why.root.children;
    expect(industry!.held).toBe(true);
    expect(nobody!.held).toBe(false);
    expect(JSON.stringify(nobody)).toContain("per-01");
  });

  it("diff against the previous run marks realized, existing and exited", () => {
    const before = diffMembership(undefined, { audienceId: "suppression", type: "account", memberIds: ["acc-02", "acc-05"] }, { now: "2026-11-19T12:00:00Z" });
    const suppression = composed.find((r) => r.audienceId === "suppression")!;
    const diff = diffMembership(before.state, suppression, { now: NOW });
    expect(diff.realized.map((m) => m.id)).toEqual(["acc-03", "acc-04", "acc-06", "acc-07"]);
    expect(diff.existing).toEqual([{ id: "acc-02", status: "existing", since: "2026-11-19T12:00:00.000Z" }]);
    expect(diff.exited).toEqual([{ id: "acc-05", status: "exited", since: "2026-11-19T12:00:00.000Z", exitedAt: NOW }]);
  });
});
