import { describe, expect, it } from "vitest";
import { ValidationError } from "@abm-kit/core";
import {
  ago,
  and,
  attr,
  audience,
  audienceJsonSchema,
  events,
  inAudience,
  not,
  opportunities,
  people,
  related,
  sequence,
  span,
  validateAudience,
} from "../src/index.js";

const base = { id: "a", name: "A", version: 1, type: "account" } as const;
const problemsOf = (input: unknown) => {
  try {
    validateAudience(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).problems.map((p) => ({ path: p.path.join("."), message: p.message }));
  }
  throw new Error("expected a validation error");
};

describe("validateAudience", () => {
  it("names every schema problem with its path", () => {
    const problems = problemsOf({
      ...base,
      version: 0,
      condition: { kind: "and", conditions: [{ kind: "attribute", field: "", op: "equals" }, { kind: "nope" }] },
    });
    expect(problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(["version", "condition.conditions.0.field", "condition.conditions.0.op", "condition.conditions.1.kind"]),
    );
  });
  it("rejects unknown keys (a typo is not ignored)", () => {
    expect(problemsOf({ ...base, condition: { kind: "attribute", field: "x", op: "eq", value: "y", caseInsensitve: true } })[0]!.path).toBe("condition");
  });
  it("names semantic problems: relation for the type, operands, regex, windows, misplaced events", () => {
    const problems = problemsOf({
      ...base,
      type: "person",
      condition: {
        kind: "and",
        conditions: [
          { kind: "related", relation: "people", quantifier: "some" },
          { kind: "attribute", field: "title", op: "matches", value: "([" },
          { kind: "attribute", field: "title", op: "in" },
          {
            kind: "attribute",
            field: "createdAt",
            op: "within",
            window: { from: { ago: { amount: 1, unit: "days" } }, to: { ago: { amount: 10, unit: "days" } } },
          },
          { kind: "event", types: ["x"], window: { last: { amount: 1, unit: "days" } }, countDistinct: "people" },
          { kind: "related", relation: "accounts", quantifier: "count" },
          {
            kind: "related",
            relation: "accounts",
            quantifier: "some",
            where: { kind: "event", types: ["x"], window: { last: { amount: 1, unit: "days" } }, where: { kind: "inAudience", audienceId: "z" } },
          },
        ],
      },
    });
    expect(problems.map((p) => p.path)).toEqual([
      "condition.conditions.0.relation",
      "condition.conditions.1.value",
      "condition.conditions.2.values",
      "condition.conditions.3.window",
      "condition.conditions.4.countDistinct",
      "condition.conditions.5.comparator",
      "condition.conditions.6.where.where",
    ]);
  });
  it("reports schema and semantic problems together, in one error", () => {
    const problems = problemsOf({
      ...base,
      name: "",
      condition: {
        kind: "and",
        conditions: [
          { kind: "attribute", field: "industry", op: "equals", value: "Software" },
          { kind: "related", relation: "accounts", quantifier: "some" },
          { kind: "attribute", field: "title", op: "matches", value: "\\d+" },
          { kind: "attribute", field: "employeeCount", op: "between", values: [10, 1] },
          { kind: "not", condition: { kind: "event", types: [], window: { last: { amount: 1, unit: "days" } }, count: { op: "between", min: 3, max: 1 } } },
        ],
      },
    });
    expect(problems.map((p) => p.path)).toEqual([
      "name",
      "condition.conditions.0.op",
      "condition.conditions.4.condition.types",
      "condition.conditions.1.relation",
      "condition.conditions.2.value",
      "condition.conditions.3.values",
      "condition.conditions.4.condition.count",
    ]);
  });
  it("rejects between with min > max and aggregates together with quantifiers", () => {
    const problems = problemsOf({
      ...base,
      condition: {
        kind: "and",
        conditions: [
          { kind: "attribute", field: "employeeCount", op: "between", values: [10, 1] },
          { kind: "related", relation: "opportunities", quantifier: "some", aggregate: { fn: "sum", field: "amount", comparator: { op: "gt", value: 1 } } },
        ],
      },
    });
    expect(problems.map((p) => p.path)).toEqual(["condition.conditions.0.values", "condition.conditions.1"]);
  });
});

describe("JSON Schema", () => {
  it("describes the definition, including the recursive condition tree", () => {
    const schema = audienceJsonSchema();
    expect(schema.required).toEqual(["id", "name", "version", "type", "condition"]);
    const text = JSON.stringify(schema);
    for (const kind of ["attribute", "and", "or", "not", "related", "event", "sequence", "inAudience"]) expect(text).toContain(`"const":"${kind}"`);
    expect(text).toContain("containsAll");
    expect(text).toContain("$ref");
  });
});

describe("builder", () => {
  it("produces exactly the JSON definition, which validates", () => {
    const built = audience
      .account("buying-gaps", "Buying group gaps", { description: "no CMO or CIO" })
      .where(
        attr("industry").eq("Software"),
        people().none(attr.text("title").in(["CMO", "Chief Marketing Officer", "CIO"], { caseInsensitive: true })),
        events(["Visit Webpage"]).inLast(30, "days").atLeast(3),
        not(inAudience("customers")),
        opportunities().sum("amount", attr.boolean("isClosed").isFalse()).atLeast(10000),
        related("ownedProducts").some(attr.time("purchaseDate").within(span(ago(9, "months"), ago(3, "months")))),
        events("Fill Out Form").inLast(90, "days").distinctPeople().between(1, 3),
        sequence(["Fill Out Form", "Visit Webpage"], { samePerson: false }).within(7, "days").inLast(90, "days"),
      );
    const json = {
      id: "buying-gaps",
      name: "Buying group gaps",
      version: 1,
      type: "account",
      description: "no CMO or CIO",
      condition: {
        kind: "and",
        conditions: [
          { kind: "attribute", field: "industry", op: "eq", value: "Software" },
          {
            kind: "related",
            relation: "people",
            quantifier: "none",
            where: { kind: "attribute", field: "title", op: "in", values: ["CMO", "Chief Marketing Officer", "CIO"], caseInsensitive: true },
          },
          { kind: "event", types: ["Visit Webpage"], window: { last: { amount: 30, unit: "days" } }, count: { op: "gte", value: 3 } },
          { kind: "not", condition: { kind: "inAudience", audienceId: "customers" } },
          {
            kind: "related",
            relation: "opportunities",
            where: { kind: "attribute", field: "isClosed", op: "eq", value: false },
            aggregate: { fn: "sum", field: "amount", comparator: { op: "gte", value: 10000 } },
          },
          {
            kind: "related",
            relation: "related:ownedProducts",
            quantifier: "some",
            where: {
              kind: "attribute",
              field: "purchaseDate",
              op: "within",
              window: { from: { ago: { amount: 9, unit: "months" } }, to: { ago: { amount: 3, unit: "months" } } },
            },
          },
          {
            kind: "event",
            types: ["Fill Out Form"],
            window: { last: { amount: 90, unit: "days" } },
            countDistinct: "people",
            count: { op: "between", min: 1, max: 3 },
          },
          {
            kind: "sequence",
            steps: [{ types: ["Fill Out Form"] }, { types: ["Visit Webpage"] }],
            within: { amount: 7, unit: "days" },
            samePerson: false,
            window: { last: { amount: 90, unit: "days" } },
          },
        ],
      },
    };
    expect(built).toEqual(json);
    expect(validateAudience(built)).toEqual(json);
    expect(and(attr("a").exists())).toEqual({ kind: "and", conditions: [{ kind: "attribute", field: "a", op: "exists" }] });
  });
});
