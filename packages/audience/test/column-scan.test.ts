import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { buildSnapshot } from "@abm-kit/core";
import { and, attr, evaluate, opportunities, type Condition } from "../src/index.js";
import { nextDown, nextUp } from "../src/evaluate/adjacent-double.js";

const NOW = "2026-03-31T12:00:00.000Z";
const DAY = 86_400_000;

/** Numbers that sit on and next to the operands, so strict and inclusive bounds differ. */
const pivots = [0, -0, 1, -1, 500, 0.1, 1e308, -1e308, Number.MIN_VALUE, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
const near = pivots.flatMap((v) => [v, nextUp(v), nextDown(v)]);
const number = fc.oneof(fc.constantFrom(...near), fc.double());
const plain = (v: number) => Number.isFinite(v); // JSON carries finite numbers only

describe("nextUp / nextDown", () => {
  it("step to the adjacent double", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (v) => {
        const up = nextUp(v);
        if (v === Number.POSITIVE_INFINITY) return up === v;
        expect(up > v).toBe(true);
        // nothing lies strictly between v and up: their midpoint rounds to one of them
        const mid = v / 2 + up / 2;
        expect(mid === v || mid === up || (v === -up && mid === 0)).toBe(true);
        expect(nextDown(up) === v || (v === 0 && nextDown(up) === 0)).toBe(true);
        return true;
      }),
      { numRuns: 2000 },
    );
    expect(Number.isNaN(nextUp(Number.NaN))).toBe(true);
    expect(nextUp(Number.NEGATIVE_INFINITY)).toBe(-Number.MAX_VALUE);
    expect(nextUp(-0)).toBe(Number.MIN_VALUE);
    expect(nextDown(0)).toBe(-Number.MIN_VALUE);
  });
});

describe("column scans agree with the per-row comparison", () => {
  it("number comparisons, at and beside every bound", () => {
    const op = fc.constantFrom("eq", "gt", "gte", "lt", "lte", "between" as const);
    fc.assert(
      fc.property(
        fc.array(fc.option(number.filter(plain), { nil: undefined }), { minLength: 1, maxLength: 70 }),
        op,
        number.filter(plain),
        number.filter(plain),
        (values, op, a, b) => {
          const snapshot = buildSnapshot(
            {
              accounts: values.map((annualRevenue, i) => ({
                id: `A${String(i).padStart(3, "0")}`,
                name: `n${i}`,
                ...(annualRevenue === undefined ? {} : { annualRevenue }),
              })),
            },
            { asOf: NOW },
          );
          const condition: Condition =
            op === "between"
              ? { kind: "attribute", field: "annualRevenue", op, values: [Math.min(a, b), Math.max(a, b)] }
              : { kind: "attribute", field: "annualRevenue", op, value: a };
          const members = evaluate({ id: "x", name: "x", version: 1, type: "account", condition }, snapshot, { now: NOW }).memberIds;
          const holds = (x: number) =>
            op === "eq"
              ? x === a
              : op === "gt"
                ? x > a
                : op === "gte"
                  ? x >= a
                  : op === "lt"
                    ? x < a
                    : op === "lte"
                      ? x <= a
                      : x >= Math.min(a, b) && x <= Math.max(a, b);
          const expected = values.flatMap((x, i) => (x !== undefined && holds(x) ? [`A${String(i).padStart(3, "0")}`] : []));
          expect(members).toEqual(expected);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("boolean and relative date conditions on related rows, some and none, sparse and dense matches (more than 32 rows, so several words)", () => {
    const opportunity = fc.record({
      won: fc.option(fc.boolean(), { nil: undefined }),
      age: fc.option(fc.integer({ min: -5, max: 100 }), { nil: undefined }),
      account: fc.integer({ min: 0, max: 39 }),
    });
    fc.assert(
      fc.property(fc.array(opportunity, { maxLength: 120 }), fc.boolean(), fc.integer({ min: 0, max: 95 }), fc.boolean(), (opps, wanted, days, none) => {
        const accounts = Array.from({ length: 40 }, (_, i) => ({ id: `A${String(i).padStart(2, "0")}`, name: `n${i}` }));
        const closeDate = (age: number) => new Date(Date.parse(NOW) - age * DAY).toISOString().slice(0, 10);
        const snapshot = buildSnapshot(
          {
            accounts,
            opportunities: opps.map((o, i) => ({
              id: `O${i}`,
              accountId: accounts[o.account]!.id,
              ...(o.won === undefined ? {} : { isWon: o.won }),
              ...(o.age === undefined ? {} : { closeDate: closeDate(o.age) }),
            })),
          },
          { asOf: NOW },
        );
        const related = none ? opportunities().none.bind(opportunities()) : opportunities().some.bind(opportunities());
        const condition: Condition = related(
          and(wanted ? attr.boolean("isWon").isTrue() : attr.boolean("isWon").isFalse(), attr.time("closeDate").inLast(days, "days")),
        );
        const members = evaluate({ id: "x", name: "x", version: 1, type: "account", condition }, snapshot, { now: NOW }).memberIds;
        // a date window of the last N days covers the N days before today and today (dates compare by day)
        const hasMatch = (i: number) => opps.some((o) => o.account === i && o.won === wanted && o.age !== undefined && o.age >= 0 && o.age <= days);
        const expected = accounts.filter((_, i) => hasMatch(i) !== none).map((a) => a.id);
        expect(members).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
