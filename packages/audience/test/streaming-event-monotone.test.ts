import { describe, expect, it } from "vitest";
import type { Condition } from "../src/index.js";
import { isEventMonotone } from "../src/streaming/event-monotone.js";

const visits = (count?: { op: "gte" | "gt" | "lte" | "lt" | "eq" | "neq"; value: number }): Condition => ({
  kind: "event",
  types: ["Visit Webpage"],
  window: { last: { amount: 30, unit: "days" } },
  ...(count ? { count } : {}),
});
const software: Condition = { kind: "attribute", field: "industry", op: "eq", value: "Software" };

describe("isEventMonotone", () => {
  it("accepts conditions a new event can only make true", () => {
    expect(isEventMonotone(visits())).toBe(true);
    expect(isEventMonotone(visits({ op: "gte", value: 3 }))).toBe(true);
    expect(isEventMonotone(visits({ op: "gt", value: 3 }))).toBe(true);
    expect(isEventMonotone({ kind: "and", conditions: [software, visits()] })).toBe(true);
    expect(isEventMonotone({ kind: "or", conditions: [software, visits()] })).toBe(true);
    expect(isEventMonotone({ kind: "related", relation: "people", quantifier: "some", where: visits() })).toBe(true);
    expect(isEventMonotone({ kind: "related", relation: "people", quantifier: "count", comparator: { op: "gte", value: 2 }, where: visits() })).toBe(true);
    expect(
      isEventMonotone({
        kind: "sequence",
        steps: [{ types: ["Fill Out Form"] }, { types: ["Visit Webpage"] }],
        within: { amount: 3, unit: "days" },
        window: { last: { amount: 30, unit: "days" } },
      }),
    ).toBe(true);
  });

  it("refuses conditions a new event can make false", () => {
    for (const op of ["lte", "lt", "eq", "neq"] as const) expect(isEventMonotone(visits({ op, value: 2 })), op).toBe(false);
    expect(isEventMonotone({ kind: "event", types: ["x"], window: { last: { amount: 1, unit: "days" } }, count: { op: "between", min: 1, max: 2 } })).toBe(
      false,
    );
    expect(isEventMonotone({ kind: "not", condition: visits() })).toBe(false);
    expect(isEventMonotone({ kind: "and", conditions: [software, { kind: "not", condition: visits() }] })).toBe(false);
    expect(isEventMonotone({ kind: "related", relation: "people", quantifier: "none", where: visits() })).toBe(false);
    expect(isEventMonotone({ kind: "related", relation: "people", quantifier: "count", comparator: { op: "lte", value: 2 }, where: visits() })).toBe(false);
    expect(isEventMonotone({ kind: "inAudience", audienceId: "other" })).toBe(false);
  });
});
