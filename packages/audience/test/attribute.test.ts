import { describe, expect, it } from "vitest";
import { evaluate, type Condition } from "../src/index.js";
import { NOW, accountAudience, fixtureSnapshot, personAudience } from "./fixtures.js";

const snapshot = fixtureSnapshot();
const accounts = (condition: Condition) => evaluate(accountAudience(condition), snapshot, { now: NOW }).memberIds;
const persons = (condition: Condition) => evaluate(personAudience(condition), snapshot, { now: NOW }).memberIds;
const a = (field: string, op: string, rest: Record<string, unknown> = {}) => ({ kind: "attribute", field, op, ...rest }) as Condition;

describe("attribute operators on text (A3 has no industry)", () => {
  it.each([
    ["eq", { value: "Software" }, ["A1"]],
    ["neq", { value: "Software" }, ["A2", "A4"]],
    ["in", { values: ["Software", "Financial Services"] }, ["A1", "A2"]],
    ["notIn", { values: ["Software"] }, ["A2", "A4"]],
    ["contains", { value: "oft" }, ["A1", "A4"]],
    ["startsWith", { value: "Fin" }, ["A2"]],
    ["endsWith", { value: "ware" }, ["A1", "A4"]],
    ["matches", { value: "^S.*e$" }, ["A1"]],
    ["gt", { value: "M" }, ["A1", "A4"]],
    ["between", { values: ["F", "T"] }, ["A1", "A2"]],
    ["exists", {}, ["A1", "A2", "A4"]],
    ["missing", {}, ["A3"]],
  ])("%s", (op, rest, expected) => {
    expect(accounts(a("industry", op, rest))).toEqual(expected);
  });

  it("case-insensitive matching is explicit", () => {
    expect(accounts(a("industry", "eq", { value: "SOFTWARE", caseInsensitive: true }))).toEqual(["A1", "A4"]);
    expect(accounts(a("industry", "in", { values: ["software"], caseInsensitive: true }))).toEqual(["A1", "A4"]);
    expect(accounts(a("industry", "matches", { value: "^software$", caseInsensitive: true }))).toEqual(["A1", "A4"]);
    expect(accounts(a("industry", "neq", { value: "software", caseInsensitive: true }))).toEqual(["A2"]);
  });

  it("missing values fail every comparison, and not() negates the whole condition", () => {
    for (const op of ["eq", "neq", "contains", "startsWith", "endsWith", "matches", "gt", "lt"]) {
      expect(accounts(a("industry", op, { value: "x" }))).not.toContain("A3");
      expect(accounts({ kind: "not", condition: a("industry", op, { value: "x" }) })).toContain("A3");
    }
    for (const op of ["in", "notIn"]) expect(accounts(a("industry", op, { values: ["x"] }))).not.toContain("A3");
    expect(accounts({ kind: "not", condition: a("industry", "notIn", { values: ["x"] }) })).toEqual(["A3"]);
  });
});

describe("attribute operators on numbers (A2 has no employeeCount)", () => {
  it.each([
    ["eq", { value: 500 }, ["A1"]],
    ["neq", { value: 500 }, ["A3", "A4"]],
    ["in", { values: [50, 500] }, ["A1", "A3"]],
    ["notIn", { values: [50] }, ["A1", "A4"]],
    ["gt", { value: 50 }, ["A1", "A4"]],
    ["gte", { value: 50 }, ["A1", "A3", "A4"]],
    ["lt", { value: 500 }, ["A3"]],
    ["lte", { value: 500 }, ["A1", "A3"]],
    ["between", { values: [50, 500] }, ["A1", "A3"]],
    ["missing", {}, ["A2"]],
  ])("%s", (op, rest, expected) => {
    expect(accounts(a("employeeCount", op, rest))).toEqual(expected);
  });

  it("a missing number is in neither a comparison nor its opposite", () => {
    const lt = accounts(a("employeeCount", "lt", { value: 1000 }));
    const gte = accounts(a("employeeCount", "gte", { value: 1000 }));
    expect([...lt, ...gte].sort()).toEqual(["A1", "A3", "A4"]);
  });
});

describe("booleans, multi-value fields, ids, consent", () => {
  it("booleans", () => {
    expect(
      evaluate(accountAudience({ kind: "related", relation: "opportunities", quantifier: "some", where: a("isWon", "eq", { value: true }) }), snapshot, {
        now: NOW,
      }).memberIds,
    ).toEqual(["A1"]);
    expect(
      evaluate(
        accountAudience({
          kind: "related",
          relation: "opportunities",
          quantifier: "count",
          comparator: { op: "eq", value: 2 },
          where: a("isWon", "neq", { value: true }),
        }),
        snapshot,
        { now: NOW },
      ).memberIds,
    ).toEqual([]);
  });
  it("containsAny / containsAll, with case-insensitive option; missing sets fail", () => {
    expect(accounts(a("Tags__c", "containsAny", { values: ["Tier 1"] }))).toEqual(["A1"]);
    expect(accounts(a("Tags__c", "containsAny", { values: ["Tier 1"], caseInsensitive: true }))).toEqual(["A1", "A2"]);
    expect(accounts(a("Tags__c", "containsAll", { values: ["ABM", "Tier 1"] }))).toEqual(["A1"]);
    expect(accounts(a("Tags__c", "containsAll", { values: ["ABM", "Other"] }))).toEqual([]);
    expect(accounts({ kind: "not", condition: a("Tags__c", "containsAny", { values: ["ABM"] }) })).toEqual(["A2", "A3", "A4"]);
  });
  it("id and consent columns", () => {
    expect(accounts(a("id", "in", { values: ["A2", "A4"] }))).toEqual(["A2", "A4"]);
    expect(persons(a("consent.email", "eq", { value: "granted" }))).toEqual(["P1"]);
    expect(persons(a("consent.email", "neq", { value: "denied" }))).toEqual(["P1"]);
  });
  it("an unknown field reads as missing, with a warning; strict makes it an error", () => {
    const result = evaluate(accountAudience(a("nope__c", "missing")), snapshot, { now: NOW });
    expect(result.memberIds).toEqual(["A1", "A2", "A3", "A4"]);
    expect(result.warnings.map((w) => w.code)).toEqual(["unknown_field"]);
    expect(() => evaluate(accountAudience(a("nope__c", "eq", { value: "x" })), snapshot, { now: NOW, strict: true })).toThrow(/no field "nope__c"/);
  });
  it("an operator that does not fit the column type is a compile error with its path", () => {
    try {
      evaluate(accountAudience({ kind: "and", conditions: [a("employeeCount", "contains", { value: "5" })] }), snapshot, { now: NOW });
      expect.unreachable();
    } catch (error) {
      expect((error as { code: string }).code).toBe("AUDIENCE_COMPILE_FAILED");
      expect((error as { problems: { path: unknown[] }[] }).problems[0]!.path).toEqual(["condition", "conditions", 0, "op"]);
    }
  });
});

describe("instants and dates", () => {
  it("absolute comparisons on instants", () => {
    expect(accounts(a("createdAt", "lt", { value: "2025-06-01T00:00:00Z" }))).toEqual(["A1"]);
    expect(accounts(a("createdAt", "eq", { value: { at: "2025-01-15T00:00:00.000Z" } }))).toEqual(["A1"]);
    expect(accounts(a("createdAt", "gt", { value: "now" }))).toEqual([]);
  });
  it("relative windows on dates: both ends inclusive, by calendar day", () => {
    // O1 closed 2026-02-28; now is 2026-03-31, so one calendar month ago is 2026-02-28 (date-fns, UTC)
    const closedWithin = (window: unknown) =>
      evaluate(
        accountAudience({
          kind: "related",
          relation: "opportunities",
          quantifier: "some",
          where: { kind: "attribute", field: "closeDate", op: "within", window } as Condition,
        }),
        snapshot,
        { now: NOW },
      ).memberIds;
    expect(closedWithin({ last: { amount: 1, unit: "months" } })).toEqual(["A1"]);
    expect(closedWithin({ last: { amount: 31, unit: "days" } })).toEqual(["A1"]);
    expect(closedWithin({ last: { amount: 30, unit: "days" } })).toEqual([]);
    expect(closedWithin({ from: "now", to: { ahead: { amount: 1, unit: "months" } } })).toEqual(["A1"]); // O2 closes 2026-04-30
    expect(closedWithin({ between: [{ ago: { amount: 1, unit: "years" } }, { ago: { amount: 32, unit: "days" } }] })).toEqual([]);
  });
  it("owned products bought 3-9 months ago (dates against relative points)", () => {
    const bought = accounts({
      kind: "related",
      relation: "related:ownedProducts",
      quantifier: "some",
      where: {
        kind: "and",
        conditions: [
          a("product", "eq", { value: "Analytics" }),
          {
            kind: "attribute",
            field: "purchaseDate",
            op: "within",
            window: { from: { ago: { amount: 9, unit: "months" } }, to: { ago: { amount: 3, unit: "months" } } },
          },
        ],
      },
    });
    expect(bought).toEqual(["A1"]); // A1 bought 2025-09-30 (exactly 6 months), A2 2026-02-01 (2 months)
  });
});
