import { SnapshotBuilder, type Snapshot } from "@abm-kit/core";
import { describe, expect, it } from "vitest";
import { enrich, rank, splitByAttribute, type MemberList } from "../src/composition/index.js";

const NOW = "2026-11-20T12:00:00.000Z";

/** Four accounts, five people (p2 works at a1 and a2), opportunities, owned products and web visits. */
function fixture(): Snapshot {
  const b = new SnapshotBuilder({
    asOf: NOW,
    fields: { account: { tier__c: { type: "string" } } },
    relatedTables: [{ name: "ownedProducts", keyedBy: "account", fields: { product: { type: "string" }, purchaseDate: { type: "date" } } }],
  });
  b.addAccount({ id: "a1", name: "Acme", industry: "Software", employeeCount: 1200, annualRevenue: 5e8, attributes: { tier__c: "Gold" } });
  b.addAccount({ id: "a2", name: "Globex", industry: "Healthcare", employeeCount: 300, attributes: { tier__c: "Silver" } });
  b.addAccount({ id: "a3", name: "Initech", industry: "Software", employeeCount: 1200 });
  b.addAccount({ id: "a4", name: "Umbrella", industry: "Manufacturing" });
  for (const id of ["p1", "p2", "p3", "p4", "p5"]) b.addPerson({ id, email: `${id}@example.com`, title: id === "p1" ? "CMO" : "Engineer" });
  b.addLink({ accountId: "a1", personId: "p1" });
  b.addLink({ accountId: "a1", personId: "p2", isPrimary: false });
  b.addLink({ accountId: "a2", personId: "p2", isPrimary: true });
  b.addLink({ accountId: "a2", personId: "p3" });
  b.addLink({ accountId: "a3", personId: "p4" });
  b.addOpportunity({ id: "o1", accountId: "a1", amount: 100, stage: "Proposal/Price Quote", isClosed: false, closeDate: "2026-12-15" });
  b.addOpportunity({ id: "o2", accountId: "a1", amount: 50, stage: "Closed Won", isClosed: true, isWon: true, closeDate: "2026-10-01" });
  b.addOpportunity({ id: "o3", accountId: "a2", amount: 400, stage: "Prospecting", isClosed: false, closeDate: "2027-01-31" });
  b.addRelatedRow("ownedProducts", { key: "a1", values: { product: "Analytics", purchaseDate: "2026-05-01" } });
  b.addRelatedRow("ownedProducts", { key: "a1", values: { product: "Platform", purchaseDate: "2025-01-10" } });
  const visit = (id: string, personId: string, occurredAt: string) =>
    b.addEvent({ id, type: "Visit Webpage", personId, occurredAt, properties: { webpage: "/pricing" } });
  visit("e1", "p1", "2026-11-19T10:00:00Z");
  visit("e2", "p2", "2026-11-18T10:00:00Z");
  visit("e3", "p2", "2026-10-21T12:00:00Z"); // exactly 30 days before now: inside
  visit("e4", "p3", "2026-10-21T11:59:59Z"); // one second too early
  visit("e5", "p4", "2026-11-21T09:00:00Z"); // after now: never counts
  b.addEvent({ id: "s1", type: "Intent Surge", accountId: "a3", occurredAt: "2026-11-10T00:00:00Z", properties: { topic: "CDP" } });
  return b.build();
}

const snapshot = fixture();
const accounts: MemberList = { audienceId: "all", type: "account", memberIds: ["a4", "a3", "a2", "a1", "zz-unknown"], now: NOW };
const people: MemberList = { audienceId: "people", type: "person", memberIds: ["p1", "p2", "p3", "p5"], now: NOW };
const last30 = { last: { amount: 30, unit: "days" as const } };

describe("rank", () => {
  it("orders by a number field, ties by id, missing last, and keeps the top N", () => {
    const top = rank(accounts, snapshot, { id: "top", by: { kind: "field", field: "employeeCount" }, limit: 3 });
    expect(top.ranking).toEqual([
      { rank: 1, id: "a1", value: 1200 },
      { rank: 2, id: "a3", value: 1200 },
      { rank: 3, id: "a2", value: 300 },
    ]);
    expect(top.memberIds).toEqual(["a1", "a2", "a3"]);
    const bottom = rank(accounts, snapshot, { id: "bottom", by: { kind: "field", field: "employeeCount" }, order: "asc", limit: 5 });
    expect(bottom.ranking!.map((m) => [m.id, m.value])).toEqual([
      ["a2", 300],
      ["a1", 1200],
      ["a3", 1200],
      ["a4", null],
    ]);
    expect(bottom.warnings.map((w) => w.message)).toEqual(["1 member(s) are not accounts of this snapshot and were left out"]);
  });

  it("orders by an aggregate over related rows (zero rows sum to 0)", () => {
    const top = rank(accounts, snapshot, { id: "pipeline", by: { kind: "aggregate", relation: "opportunities", fn: "sum", field: "amount" }, limit: 4 });
    expect(top.ranking!.map((m) => [m.id, m.value])).toEqual([
      ["a2", 400],
      ["a1", 150],
      ["a3", 0],
      ["a4", 0],
    ]);
  });

  it("orders by engaged people in a window, counting a person in two accounts for each, ignoring events after now", () => {
    const top = rank(accounts, snapshot, {
      id: "engaged",
      by: { kind: "events", types: ["Visit Webpage"], window: last30, countDistinct: "people" },
      limit: 4,
    });
    expect(top.ranking!.map((m) => [m.id, m.value])).toEqual([
      ["a1", 2],
      ["a2", 1],
      ["a3", 0],
      ["a4", 0],
    ]);
    const events = rank(people, snapshot, { id: "visits", by: { kind: "events", types: ["Visit Webpage"], window: last30 }, limit: 4 });
    expect(events.ranking!.map((m) => [m.id, m.value])).toEqual([
      ["p2", 2],
      ["p1", 1],
      ["p3", 0],
      ["p5", 0],
    ]);
  });

  it("filters aggregated rows and counted events with where, with the audience semantics for missing values", () => {
    const open = { kind: "attribute" as const, field: "isClosed", op: "eq" as const, value: false };
    const pipeline = rank(accounts, snapshot, {
      id: "open-pipeline",
      by: { kind: "aggregate", relation: "opportunities", fn: "sum", field: "amount", where: open },
      limit: 2,
    });
    expect(pipeline.ranking!.map((m) => [m.id, m.value])).toEqual([
      ["a2", 400],
      ["a1", 100],
    ]);
    const pricing = enrich(people, snapshot, [
      {
        name: "pricingVisits",
        value: { kind: "events", types: ["Visit Webpage"], window: last30, where: { kind: "attribute", field: "webpage", op: "contains", value: "pricing" } },
      },
      {
        name: "homeVisits",
        value: { kind: "events", types: ["Visit Webpage"], window: last30, where: { kind: "attribute", field: "webpage", op: "eq", value: "/" } },
      },
    ]);
    expect(pricing.members!.map((m) => [m.id, m.attributes.pricingVisits, m.attributes.homeVisits])).toEqual([
      ["p1", 1, 0],
      ["p2", 2, 0],
      ["p3", 0, 0],
      ["p5", 0, 0],
    ]);
  });

  it("names an unknown field or an unsupported condition in a where", () => {
    const where = { kind: "attribute" as const, field: "isOpen", op: "eq" as const, value: true };
    expect(() => rank(accounts, snapshot, { id: "x", by: { kind: "aggregate", relation: "opportunities", fn: "count", where }, limit: 1 })).toThrow(
      expect.objectContaining({ code: "UNKNOWN_FIELD", problems: [expect.objectContaining({ path: ["by", "where", "field"] })] }),
    );
    const nested = { kind: "related" as const, relation: "account", quantifier: "some" as const };
    expect(() => rank(accounts, snapshot, { id: "x", by: { kind: "aggregate", relation: "opportunities", fn: "count", where: nested }, limit: 1 })).toThrow(
      expect.objectContaining({ code: "INVALID_MEMBER_VALUE" }),
    );
    // `topic` is a property of account events only: fine when account events are read, unknown when only people's are
    const topic = { kind: "attribute" as const, field: "topic", op: "eq" as const, value: "CDP" };
    const surges = enrich(accounts, snapshot, [{ name: "cdp", value: { kind: "events", types: ["Intent Surge"], window: last30, where: topic } }]);
    expect(surges.members!.find((m) => m.id === "a3")!.attributes.cdp).toBe(1);
    expect(() =>
      enrich(accounts, snapshot, [{ name: "cdp", value: { kind: "events", types: ["Intent Surge"], window: last30, where: topic, owner: "person" } }]),
    ).toThrow(expect.objectContaining({ code: "UNKNOWN_FIELD" }));
  });

  it("rejects a non-numeric value, an unknown field or relation, and a bad limit with typed errors", () => {
    expect(() => rank(accounts, snapshot, { id: "x", by: { kind: "field", field: "name" }, limit: 1 })).toThrow(
      expect.objectContaining({ code: "INVALID_MEMBER_VALUE" }),
    );
    expect(() => rank(accounts, snapshot, { id: "x", by: { kind: "field", field: "nope" }, limit: 1 })).toThrow(
      expect.objectContaining({ code: "UNKNOWN_FIELD", problems: [expect.objectContaining({ path: ["by", "field"] })] }),
    );
    expect(() => rank(accounts, snapshot, { id: "x", by: { kind: "aggregate", relation: "campaignMembers", fn: "count" }, limit: 1 })).toThrow(
      expect.objectContaining({ code: "UNKNOWN_RELATION" }),
    );
    expect(() => rank(accounts, snapshot, { id: "x", by: { kind: "aggregate", relation: "related:intent", fn: "count" }, limit: 1 })).toThrow(
      expect.objectContaining({ code: "UNKNOWN_RELATION" }),
    );
    expect(() => rank(accounts, snapshot, { id: "x", by: { kind: "field", field: "employeeCount" }, limit: 0 })).toThrow(
      expect.objectContaining({ code: "INVALID_OPTIONS" }),
    );
  });
});

describe("enrich", () => {
  it("attaches fields, aggregates and event counts to each member, null where missing", () => {
    const result = enrich({ ...accounts, memberIds: ["a2", "a1", "a4"] }, snapshot, [
      { name: "company", value: { kind: "field", field: "name" } },
      { name: "tier", value: { kind: "field", field: "tier__c" } },
      { name: "openPipeline", value: { kind: "aggregate", relation: "opportunities", fn: "sum", field: "amount" } },
      { name: "lastPurchase", value: { kind: "aggregate", relation: "related:ownedProducts", fn: "max", field: "purchaseDate" } },
      { name: "products", value: { kind: "aggregate", relation: "related:ownedProducts", fn: "countDistinct", field: "product" } },
      { name: "surges", value: { kind: "events", types: ["Intent Surge"], window: last30, owner: "account" } },
    ]);
    expect(result.members).toEqual([
      { id: "a1", attributes: { company: "Acme", tier: "Gold", openPipeline: 150, lastPurchase: "2026-05-01", products: 2, surges: 0 } },
      { id: "a2", attributes: { company: "Globex", tier: "Silver", openPipeline: 400, lastPurchase: null, products: 0, surges: 0 } },
      { id: "a4", attributes: { company: "Umbrella", tier: null, openPipeline: 0, lastPurchase: null, products: 0, surges: 0 } },
    ]);
    expect(result.memberIds).toEqual(["a1", "a2", "a4"]);
    expect(result.audienceId).toBe("all");
  });

  it("reads a person's primary account (the primary link first, else the first account)", () => {
    const result = enrich(people, snapshot, [{ name: "company", value: { kind: "field", field: "name", via: "primaryAccount" } }]);
    expect(result.members!.map((m) => [m.id, m.attributes.company])).toEqual([
      ["p1", "Acme"],
      ["p2", "Globex"],
      ["p3", "Globex"],
      ["p5", null],
    ]);
    expect(() => enrich(accounts, snapshot, [{ name: "x", value: { kind: "field", field: "name", via: "primaryAccount" } }])).toThrow(
      expect.objectContaining({ code: "INVALID_MEMBER_VALUE", problems: [expect.objectContaining({ path: ["enrich", 0, "value", "via"] })] }),
    );
  });
});

describe("splitByAttribute", () => {
  it("sends each member to the first branch listing its value, the rest to otherwise", () => {
    const { results, unassigned } = splitByAttribute({ ...accounts, memberIds: ["a4", "a3", "a2", "a1"] }, snapshot, {
      field: "industry",
      branches: [
        { id: "software", values: ["Software"] },
        { id: "regulated", values: ["Healthcare", "Financial Services"] },
      ],
      otherwise: { id: "other", name: "Other industries" },
    });
    expect(results.map((r) => [r.audienceId, r.memberIds])).toEqual([
      ["software", ["a1", "a3"]],
      ["regulated", ["a2"]],
      ["other", ["a4"]],
    ]);
    expect(unassigned).toBe(0);
    const without = splitByAttribute(accounts, snapshot, { field: "industry", branches: [{ id: "software", values: ["Software"] }] });
    expect(without.results).toHaveLength(1);
    expect(without.unassigned).toBe(3); // a2, a4 and the unknown member
  });

  it("names an unknown field", () => {
    expect(() => splitByAttribute(accounts, snapshot, { field: "segment", branches: [{ id: "x", values: ["y"] }] })).toThrow(
      expect.objectContaining({ code: "UNKNOWN_FIELD" }),
    );
  });
});

describe("fixture", () => {
  it("loaded every record", () => {
    expect(snapshot.report.problems).toEqual([]);
  });
});
