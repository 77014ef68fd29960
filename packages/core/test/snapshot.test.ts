import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { buildSnapshot, SnapshotBuilder, BooleanColumn, type Snapshot, type SnapshotInput } from "@abm-kit/core";
import { fixture, NOW, relatedTables } from "./fixture.js";

const DAY = 86_400_000;
const build = (input: SnapshotInput = fixture) => buildSnapshot(input, { asOf: NOW, relatedTables });
const ids = (snapshot: Snapshot, table: "accounts" | "persons", rows: ArrayLike<number>) => Array.from(rows, (r) => snapshot[table].id(r));

describe("Snapshot relations", () => {
  const s = build();
  const acme = s.accounts.indexOf("acc-acme");
  const beta = s.accounts.indexOf("acc-beta");
  const jane = s.persons.indexOf("per-jane");

  it("orders entity rows by id", () => {
    expect(s.accounts.ids).toEqual(["acc-acme", "acc-beta", "acc-empty", "acc-other"]);
  });

  it("answers account → people and person → accounts, many-to-many, each person once", () => {
    expect(ids(s, "persons", s.peopleOf(acme))).toEqual(["per-jane", "per-joe"]);
    expect(ids(s, "persons", s.peopleOf(beta))).toEqual(["per-jane", "per-sam"]);
    expect(ids(s, "accounts", s.accountsOf(jane))).toEqual(["acc-acme", "acc-beta"]);
  });

  it("merges several links between the same pair into one row", () => {
    const rows = Array.from(s.accountLinks.of(acme)).filter((r) => s.links.ref("person")[r] === jane);
    expect(rows).toHaveLength(1);
    const link = s.links.row(rows[0]!);
    expect(link.roles).toEqual(["Decision Maker", "Influencer"]);
    expect(link.isDirect).toBe(true);
    expect(link.reasons).toEqual(["salesforce.AccountContactRelation", "salesforce.Contact.AccountId"]);
  });

  it("keeps an inactive link but does not count it among the account's people", () => {
    const joe = s.persons.indexOf("per-joe");
    expect(Array.from(s.accountLinks.of(beta)).map((r) => s.links.ref("person")[r])).toContain(joe);
    expect(Array.from(s.peopleOf(beta))).not.toContain(joe);
    expect(ids(s, "accounts", s.accountsOf(joe))).toEqual(["acc-acme"]);
  });

  it("gives entities with no relations empty lists", () => {
    const empty = s.accounts.indexOf("acc-empty");
    const solo = s.persons.indexOf("per-solo");
    expect(s.peopleOf(empty)).toHaveLength(0);
    expect(s.opportunitiesOf(empty)).toHaveLength(0);
    expect(s.accountsOf(solo)).toHaveLength(0);
    const range = s.personEvents.rangeOf(solo);
    expect(range.end - range.start).toBe(0);
    expect(s.relatedRowsOf("intent", empty)).toHaveLength(0);
  });

  it("links opportunities, roles and campaign members both ways", () => {
    expect(Array.from(s.opportunitiesOf(acme), (r) => s.opportunities.id(r))).toEqual(["opp-1", "opp-2"]);
    const opp2 = s.opportunities.indexOf("opp-2");
    const roles = s.opportunityRolesByOpportunity.of(opp2);
    expect(Array.from(roles, (r) => s.persons.id(s.opportunityRoles.ref("person")[r]!))).toEqual(["per-jane"]);
    expect(s.opportunityRolesByPerson.of(jane)).toEqual(roles);
    const sam = s.persons.indexOf("per-sam");
    expect(Array.from(s.campaignMembersByPerson.of(sam), (r) => s.campaignMembers.value(r, "status"))).toEqual(["Attended"]);
  });

  it("joins related rows by account id, by registrable domain in any spelling, and by DUNS digits", () => {
    const intentOf = (account: number) => Array.from(s.relatedRowsOf("intent", account), (r) => s.related.get("intent")!.table.value(r, "topic"));
    expect(intentOf(beta)).toEqual(["CRM"]);
    expect(intentOf(acme)).toEqual(["ABM"]);
    expect(s.relatedRowsOf("firmographics", acme)).toHaveLength(1);
    expect(s.relatedRowsOf("ownedProducts", acme)).toHaveLength(1);
    expect(s.report.unmatchedRelatedRows).toEqual({ intent: 1, firmographics: 0, ownedProducts: 0 });
  });

  it("keeps private-suffix domains apart", () => {
    const s2 = buildSnapshot(
      { accounts: fixture.accounts, related: { intent: [{ key: "acme.github.io", values: { topic: "X" } }] } },
      { asOf: NOW, relatedTables },
    );
    expect(s2.relatedRowsOf("intent", s2.accounts.indexOf("acc-empty"))).toHaveLength(1);
    expect(s2.relatedRowsOf("intent", s2.accounts.indexOf("acc-other"))).toHaveLength(0);
  });

  it("looks records up by source key", () => {
    const s2 = buildSnapshot(
      { accounts: [{ id: "a", sourceKeys: [{ system: "salesforce", instance: "00D1", object: "Account", id: "001A" }] }, { id: "b" }] },
      { asOf: NOW },
    );
    expect(s2.accounts.indexOfSourceKey({ system: "salesforce", instance: "00D1", object: "Account", id: "001A" })).toBe(0);
    expect(s2.accounts.indexOfSourceKey({ system: "salesforce", id: "001A" })).toBe(-1);
    expect(s2.accounts.sourceKeysOf(0)).toEqual(["salesforce/00D1/Account/001A"]);
  });
});

describe("Snapshot event windows", () => {
  const s = build();
  const jane = s.persons.indexOf("per-jane");
  const events = s.personEvents;
  const idsIn = (range: { start: number; end: number }) => events.ids!.slice(range.start, range.end);

  it("sorts an owner's events by time", () => {
    expect(idsIn(events.rangeOf(jane))).toEqual(["ev-before", "ev-start", "ev-now", "ev-future"]);
  });

  it("includes both ends of a window and leaves out events after now", () => {
    expect(idsIn(events.window(jane, NOW - 30 * DAY, NOW))).toEqual(["ev-start", "ev-now"]);
  });

  it("answers half-open and empty windows", () => {
    expect(idsIn(events.window(jane, undefined, NOW - 30 * DAY))).toEqual(["ev-before", "ev-start"]);
    expect(idsIn(events.window(jane, NOW + 1))).toEqual(["ev-future"]);
    expect(idsIn(events.window(jane, NOW + 10, NOW + 20))).toEqual([]);
  });

  it("keeps account-owned events apart and their properties typed", () => {
    const beta = s.accounts.indexOf("acc-beta");
    const range = s.accountEvents.rangeOf(beta);
    expect(range.end - range.start).toBe(1);
    expect(s.accountEvents.row(range.start)).toMatchObject({ type: "Intent Surge", topic: "CRM", score: 91, occurredAt: "2026-03-20T00:00:00.000Z" });
    expect(s.personEvents.column("webpage")!.type).toBe("string");
  });
});

describe("Snapshot columns", () => {
  const s = build();
  it("types columns and keeps standard and declared labels", () => {
    expect(s.persons.column("email")!.labels).toEqual(["I1"]);
    expect(s.accounts.column("Regions__c")!.type).toBe("multi");
    expect(s.accounts.value(s.accounts.indexOf("acc-acme"), "Regions__c")).toEqual(["EMEA", "NA"]);
    expect(s.related.get("ownedProducts")!.table.column("purchaseDate")).toMatchObject({ type: "date", labels: ["C1"] });
    expect(s.related.get("ownedProducts")!.table.value(0, "purchaseDate")).toBe("2025-10-15");
  });
  it("holds missing values as missing", () => {
    const beta = s.accounts.indexOf("acc-beta");
    expect(s.accounts.value(beta, "Tier__c")).toBeNull();
    expect(s.accounts.column("Tier__c")!.isMissing(beta)).toBe(true);
    expect(s.opportunities.column("isWon")!.isMissing(s.opportunities.indexOf("opp-2"))).toBe(true);
    expect((s.opportunities.column("isWon") as BooleanColumn).values[s.opportunities.indexOf("opp-1")]).toBe(1);
  });
  it("holds consent per channel", () => {
    expect(s.persons.value(s.persons.indexOf("per-jane"), "consent.email")).toBe("denied");
    expect(s.persons.value(s.persons.indexOf("per-joe"), "consent.email")).toBeNull();
  });
});

describe("Snapshot bad input", () => {
  it("reports and skips bad rows, builds the rest, and counts read / loaded / rejected", () => {
    const builder = new SnapshotBuilder({ asOf: NOW, fields: { account: { Score__c: { type: "number" } } } });
    expect(builder.addAccount({ id: "a", name: "ok" })).toBe(true);
    expect(builder.addAccount({ id: "a", name: "duplicate" })).toBe(false);
    expect(builder.addAccount({ id: "b", employeeCount: -5, createdAt: "not a date" }, { file: "Account.csv", line: 7 })).toBe(false);
    expect(builder.addAccount({ id: "c", attributes: { Score__c: "high" } })).toBe(false);
    expect(builder.addRecord("account", "not an object")).toBe(false);
    expect(builder.addPerson({ id: "p" })).toBe(true);
    expect(builder.addEvent({ id: "e1", type: "Visit", occurredAt: "2026-01-01T00:00:00Z", personId: "p" })).toBe(true);
    expect(builder.addEvent({ id: "e1", type: "Visit", occurredAt: "2026-01-02T00:00:00Z", personId: "p" })).toBe(false);
    expect(builder.addEvent({ id: "e2", type: "Visit", occurredAt: "2026-01-02T00:00:00Z", personId: "ghost" })).toBe(true);
    expect(builder.addLink({ accountId: "a", personId: "ghost" })).toBe(true);
    const s = builder.build();
    expect(s.accounts.ids).toEqual(["a"]);
    expect(s.report.counts.account).toEqual({ read: 5, loaded: 1, rejected: 4 });
    expect(s.report.counts.event).toEqual({ read: 3, loaded: 1, rejected: 2 });
    expect(s.report.counts.link).toEqual({ read: 1, loaded: 0, rejected: 1 });
    const problems = s.report.problems.map((p) => `${p.entity}#${p.row}:${p.path.join(".")}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        "account#2:id",
        "account#3:employeeCount",
        "account#3:createdAt",
        "account#4:attributes.Score__c",
        "account#5:",
        "event#2:id",
        "event#3:personId",
        "link#1:personId",
      ]),
    );
    const withOrigin = s.report.problems.find((p) => p.row === 3 && p.entity === "account");
    expect(withOrigin?.origin).toEqual({ file: "Account.csv", line: 7 });
  });

  it("rolls a rejected row back completely", () => {
    const builder = new SnapshotBuilder({ asOf: NOW, fields: { account: { Score__c: { type: "number" } } } });
    builder.addAccount({ id: "a", name: "first", attributes: { New__c: "x", Score__c: 1 } });
    builder.addAccount({ id: "b", name: "rolled back", attributes: { Other__c: "y", Score__c: "bad" } });
    builder.addAccount({ id: "c", name: "third" });
    const s = builder.build();
    expect(s.accounts.ids).toEqual(["a", "c"]);
    expect(s.accounts.row(1)).toEqual({ id: "c", name: "third" });
    expect(s.accounts.row(0)).toEqual({ id: "a", name: "first", New__c: "x", Score__c: 1 });
  });

  it("infers an undeclared attribute's type from its first value and rejects a later mismatch", () => {
    const s = buildSnapshot(
      {
        accounts: [
          { id: "a", attributes: { N__c: 3 } },
          { id: "b", attributes: { N__c: "three" } },
        ],
      },
      { asOf: NOW },
    );
    expect(s.accounts.column("N__c")!.type).toBe("number");
    expect(s.report.counts.account).toEqual({ read: 2, loaded: 1, rejected: 1 });
  });

  it("refuses invalid builder options with a typed error", () => {
    expect(() => new SnapshotBuilder({ asOf: "soon" })).toThrowError(expect.objectContaining({ code: "VALIDATION_FAILED" }));
    expect(() => new SnapshotBuilder({ asOf: NOW, relatedTables: [{ name: "1bad", keyedBy: "account", fields: {} }] })).toThrowError(
      expect.objectContaining({ code: "INVALID_OPTIONS", problems: [expect.objectContaining({ path: ["relatedTables", 0, "name"] })] }),
    );
  });
});

describe("Snapshot determinism", () => {
  const permutation = <T>(items: readonly T[]) => fc.shuffledSubarray([...items], { minLength: items.length });

  it("gives the same tables, relations and windows whatever the input order", () => {
    const reference = build();
    fc.assert(
      fc.property(
        permutation(fixture.accounts),
        permutation(fixture.persons),
        permutation(fixture.links),
        permutation(fixture.events),
        (accounts, persons, links, events) => {
          const s = build({ ...fixture, accounts, persons, links, events });
          expect(s.accounts.ids).toEqual(reference.accounts.ids);
          expect(s.persons.ids).toEqual(reference.persons.ids);
          for (let a = 0; a < s.accounts.size; a++) {
            expect(Array.from(s.peopleOf(a))).toEqual(Array.from(reference.peopleOf(a)));
            expect(s.accounts.row(a)).toEqual(reference.accounts.row(a));
          }
          for (let l = 0; l < s.links.size; l++) expect(s.links.row(l)).toEqual(reference.links.row(l));
          expect(s.personEvents.ids).toEqual(reference.personEvents.ids);
        },
      ),
      { numRuns: 50 },
    );
  });
});
