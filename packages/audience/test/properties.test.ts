import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { SnapshotInput } from "@abm-kit/core";
import { evaluate, type Condition } from "../src/index.js";
import { NOW, accountAudience, fixtureSnapshot, personAudience } from "./fixtures.js";
import { oracleHolds } from "./oracle.js";

const snapshot = fixtureSnapshot();
const members = (condition: Condition, type: "account" | "person" = "account", s = snapshot) =>
  evaluate(type === "account" ? accountAudience(condition) : personAudience(condition), s, { now: NOW }).memberIds;

const text = fc.constantFrom("Software", "software", "Financial Services", "Customer", "Prospect", "CMO", "VP Marketing", "Chief Marketing Officer", "x");
const textField = { account: fc.constantFrom("industry", "type", "country", "name"), person: fc.constantFrom("title", "email", "consent.email") };
const numberField = fc.constantFrom("employeeCount", "annualRevenue");
const textAttr = (kind: "account" | "person"): fc.Arbitrary<Condition> =>
  fc
    .oneof(
      fc
        .record({
          kind: fc.constant("attribute" as const),
          field: textField[kind],
          op: fc.constantFrom("eq", "neq", "contains", "startsWith", "gt", "lte"),
          value: text,
          caseInsensitive: fc.boolean(),
        })
        .map((c) => (["gt", "lte"].includes(c.op) ? { ...c, caseInsensitive: undefined } : c)),
      fc.record({
        kind: fc.constant("attribute" as const),
        field: textField[kind],
        op: fc.constantFrom("in", "notIn"),
        values: fc.array(text, { minLength: 1, maxLength: 3 }),
      }),
      fc.record({ kind: fc.constant("attribute" as const), field: textField[kind], op: fc.constantFrom("exists", "missing") }),
    )
    .map((c) => JSON.parse(JSON.stringify(c)) as Condition);
const accountAttr: fc.Arbitrary<Condition> = fc.oneof(
  textAttr("account"),
  fc.record({
    kind: fc.constant("attribute" as const),
    field: numberField,
    op: fc.constantFrom("eq", "neq", "gt", "gte", "lt", "lte"),
    value: fc.constantFrom(0, 50, 500, 10000, 1e8),
  }),
);
const conditionOf = (kind: "account" | "person"): fc.Arbitrary<Condition> =>
  fc.letrec<{ c: Condition }>((tie) => ({
    c: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      kind === "account" ? accountAttr : textAttr("person"),
      fc.record({ kind: fc.constant("and" as const), conditions: fc.array(tie("c"), { maxLength: 3 }) }),
      fc.record({ kind: fc.constant("or" as const), conditions: fc.array(tie("c"), { maxLength: 3 }) }),
      fc.record({ kind: fc.constant("not" as const), condition: tie("c") }),
      fc.record({
        kind: fc.constant("related" as const),
        relation: fc.constant(kind === "account" ? "people" : "accounts"),
        quantifier: fc.constantFrom("some" as const, "none" as const, "all" as const),
        where: kind === "account" ? textAttr("person") : accountAttr,
      }),
    ),
  })).c;

describe("properties", () => {
  it("not(not x) = x", () => {
    fc.assert(
      fc.property(conditionOf("account"), (c) => {
        expect(members({ kind: "not", condition: { kind: "not", condition: c } })).toEqual(members(c));
      }),
      { numRuns: 150 },
    );
  });

  it("x and not(x) partition every account (missing values included)", () => {
    fc.assert(
      fc.property(conditionOf("account"), (c) => {
        const yes = members(c);
        const no = members({ kind: "not", condition: c });
        expect([...yes, ...no].sort()).toEqual(["A1", "A2", "A3", "A4"]);
      }),
      { numRuns: 100 },
    );
  });

  it("the compiled evaluator agrees with a naive per-row interpreter", () => {
    for (const kind of ["account", "person"] as const) {
      fc.assert(
        fc.property(conditionOf(kind), (c) => {
          const table = kind === "account" ? snapshot.accounts : snapshot.persons;
          const expected = table.ids!.filter((_, row) => oracleHolds(c, snapshot, kind, row));
          expect(members(c, kind)).toEqual(expected);
        }),
        { numRuns: 200 },
      );
    }
  });

  it("results do not depend on the order records are added", () => {
    const shuffled =
      (order: number[]) =>
      (input: SnapshotInput): SnapshotInput => {
        const mix = <T>(items: Iterable<T> | undefined): T[] => {
          const list = [...(items ?? [])];
          return list
            .map((item, i) => ({ item, key: order[i % order.length]! + i / 1000 }))
            .sort((x, y) => x.key - y.key)
            .map((x) => x.item);
        };
        return {
          ...input,
          accounts: mix(input.accounts),
          persons: mix(input.persons),
          links: mix(input.links),
          opportunities: mix(input.opportunities),
          events: mix(input.events),
          related: { ownedProducts: mix(input.related?.ownedProducts), intent: mix(input.related?.intent) },
        };
      };
    const fixed: Condition = {
      kind: "or",
      conditions: [
        { kind: "event", types: ["Visit Webpage"], window: { last: { amount: 30, unit: "days" } }, count: { op: "gte", value: 2 } },
        { kind: "related", relation: "related:intent", aggregate: { fn: "max", field: "score", comparator: { op: "gte", value: 85 } } },
        {
          kind: "sequence",
          steps: [{ types: ["Fill Out Form"] }, { types: ["Visit Webpage"] }],
          within: { amount: 7, unit: "days" },
          window: { last: { amount: 90, unit: "days" } },
        },
      ],
    };
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 12 }), conditionOf("account"), (order, c) => {
        const other = fixtureSnapshot(shuffled(order));
        expect(members(c, "account", other)).toEqual(members(c));
        expect(members(fixed, "account", other)).toEqual(members(fixed));
      }),
      { numRuns: 40 },
    );
  });
});
