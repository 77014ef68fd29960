import { describe, expect, it } from "vitest";
import { evaluate, type Condition } from "../src/index.js";
import { NOW, accountAudience, fixtureSnapshot, personAudience } from "./fixtures.js";

const snapshot = fixtureSnapshot();
const accounts = (condition: Condition) => evaluate(accountAudience(condition), snapshot, { now: NOW }).memberIds;
const persons = (condition: Condition) => evaluate(personAudience(condition), snapshot, { now: NOW }).memberIds;
const title = (values: string[]): Condition => ({ kind: "attribute", field: "title", op: "in", values });
const people = (rest: Record<string, unknown>): Condition => ({ kind: "related", relation: "people", ...rest }) as Condition;

// people: A1 {P1 CMO, P2 VP Marketing}; A2 {P1 CMO, P3 no title}; A3 {} (P4's link is inactive); A4 {}
describe("quantifiers over an account's people", () => {
  it("some / none: an account with no people has none", () => {
    expect(accounts(people({ quantifier: "some", where: title(["Chief Marketing Officer", "CMO"]) }))).toEqual(["A1", "A2"]);
    expect(accounts(people({ quantifier: "none", where: title(["CIO", "Chief Information Officer"]) }))).toEqual(["A1", "A2", "A3", "A4"]);
    expect(accounts(people({ quantifier: "none", where: title(["VP Marketing"]) }))).toEqual(["A2", "A3", "A4"]);
    expect(accounts(people({ quantifier: "some" }))).toEqual(["A1", "A2"]);
  });
  it("all is true over zero rows; allAndAtLeastOne is not", () => {
    const marketing: Condition = { kind: "attribute", field: "title", op: "contains", value: "Marketing" };
    expect(accounts(people({ quantifier: "all", where: marketing }))).toEqual(["A1", "A3", "A4"]);
    expect(accounts(people({ quantifier: "allAndAtLeastOne", where: marketing }))).toEqual(["A1"]);
  });
  it("a person without a title fails the where, and not() of the related condition flips whole accounts", () => {
    expect(accounts(people({ quantifier: "some", where: { kind: "not", condition: title(["CMO"]) } }))).toEqual(["A1", "A2"]);
    expect(accounts({ kind: "not", condition: people({ quantifier: "some", where: title(["VP Marketing"]) }) })).toEqual(["A2", "A3", "A4"]);
  });
  it("count with a comparator; a person in two accounts counts once in each", () => {
    expect(accounts(people({ quantifier: "count", comparator: { op: "gte", value: 2 } }))).toEqual(["A1", "A2"]);
    expect(accounts(people({ quantifier: "count", comparator: { op: "eq", value: 0 } }))).toEqual(["A3", "A4"]);
    expect(accounts(people({ quantifier: "count", comparator: { op: "eq", value: 1 }, where: title(["Chief Marketing Officer"]) }))).toEqual(["A1", "A2"]);
  });
  it("inactive links do not make people, but the links relation sees them with their fields", () => {
    expect(
      accounts({ kind: "related", relation: "links", quantifier: "some", where: { kind: "attribute", field: "isActive", op: "eq", value: false } }),
    ).toEqual(["A3"]);
    expect(
      accounts({
        kind: "related",
        relation: "links",
        quantifier: "some",
        where: { kind: "attribute", field: "roles", op: "containsAny", values: ["Economic Buyer"] },
      }),
    ).toEqual(["A2"]);
  });
});

describe("aggregates over matching rows", () => {
  const opps = (fn: string, field: string, comparator: unknown, where?: Condition) =>
    accounts({ kind: "related", relation: "opportunities", aggregate: { fn, field, comparator }, ...(where ? { where } : {}) } as Condition);
  const open: Condition = { kind: "attribute", field: "isClosed", op: "eq", value: false };
  it("sum is 0 over zero rows; missing amounts are skipped", () => {
    expect(opps("sum", "amount", { op: "eq", value: 0 })).toEqual(["A2", "A3", "A4"]);
    expect(opps("sum", "amount", { op: "gte", value: 70000 })).toEqual(["A1"]);
    expect(opps("sum", "amount", { op: "eq", value: 20000 }, open)).toEqual(["A1"]);
  });
  it("avg / min / max over zero rows (or only missing values) fail every comparison", () => {
    expect(opps("avg", "amount", { op: "eq", value: 35000 })).toEqual(["A1"]);
    expect(opps("min", "amount", { op: "lt", value: 1e12 })).toEqual(["A1"]);
    expect(opps("max", "amount", { op: "neq", value: 1 })).toEqual(["A1"]);
    expect(opps("max", "amount", { op: "between", min: 50000, max: 50000 })).toEqual(["A1"]);
  });
  it("countDistinct of a text field", () => {
    expect(
      accounts({ kind: "related", relation: "related:intent", aggregate: { fn: "countDistinct", field: "topic", comparator: { op: "eq", value: 2 } } }),
    ).toEqual(["A2"]);
    expect(opps("countDistinct", "stage", { op: "eq", value: 0 })).toEqual(["A3", "A4"]);
  });
});

describe("related tables and person-level relations", () => {
  it("domain-keyed related rows join accounts by registrable domain", () => {
    expect(
      accounts({
        kind: "related",
        relation: "related:intent",
        quantifier: "some",
        where: {
          kind: "and",
          conditions: [
            { kind: "attribute", field: "topic", op: "eq", value: "CRM" },
            { kind: "attribute", field: "score", op: "gte", value: 70 },
          ],
        },
      }),
    ).toEqual(["A1"]);
  });
  it("cross-sell: bought Analytics, not CRM", () => {
    const product = (p: string): Condition => ({ kind: "attribute", field: "product", op: "eq", value: p });
    expect(
      accounts({
        kind: "and",
        conditions: [
          { kind: "related", relation: "related:ownedProducts", quantifier: "some", where: product("Analytics") },
          { kind: "related", relation: "related:ownedProducts", quantifier: "none", where: product("CRM") },
        ],
      }),
    ).toEqual(["A2"]);
  });
  it("a person's accounts, opportunity roles and campaign memberships; nested relations", () => {
    expect(persons({ kind: "related", relation: "accounts", quantifier: "count", comparator: { op: "eq", value: 2 } })).toEqual(["P1"]);
    expect(
      persons({ kind: "related", relation: "accounts", quantifier: "some", where: { kind: "attribute", field: "type", op: "eq", value: "Customer" } }),
    ).toEqual(["P1", "P2"]);
    expect(
      persons({
        kind: "related",
        relation: "opportunityRoles",
        quantifier: "some",
        where: { kind: "related", relation: "opportunity", quantifier: "some", where: { kind: "attribute", field: "amount", op: "gte", value: 10000 } },
      }),
    ).toEqual(["P2"]);
    expect(
      persons({
        kind: "related",
        relation: "campaignMembers",
        quantifier: "some",
        where: { kind: "related", relation: "campaign", quantifier: "some", where: { kind: "attribute", field: "type", op: "eq", value: "Webinar" } },
      }),
    ).toEqual(["P1"]);
    expect(
      accounts(people({ quantifier: "some", where: { kind: "related", relation: "accounts", quantifier: "count", comparator: { op: "gte", value: 2 } } })),
    ).toEqual(["A1", "A2"]);
  });
  it("an undeclared related table or a relation of the wrong owner kind is a compile error", () => {
    expect(() => accounts({ kind: "related", relation: "related:nope", quantifier: "some" })).toThrow(/no related table "nope"/);
    expect(() => persons({ kind: "related", relation: "related:intent", quantifier: "some" })).toThrow(/belongs to account rows/);
  });
});
