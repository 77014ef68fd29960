import { AbmKitError, ValidationError } from "@abm-kit/core";
import { describe, expect, it } from "vitest";
import {
  MAX_COMPOSITION_DEPTH,
  MAX_CONDITION_DEPTH,
  createStreamingEvaluator,
  evaluate,
  evaluateAll,
  evaluateComposition,
  evaluateCompositions,
  explain,
  streamingEligibility,
  validateAudience,
  type Audience,
  type Condition,
} from "../src/index.js";
import { NOW, accountAudience, fixtureSnapshot } from "./fixtures.js";

const leaf: Condition = { kind: "attribute", field: "industry", op: "exists" };
const nestAnd = (levels: number): Condition => {
  let c: Condition = leaf;
  for (let i = 1; i < levels; i++) c = { kind: "and", conditions: [c] };
  return c;
};
const nestNot = (levels: number): Condition => {
  let c: Condition = leaf;
  for (let i = 1; i < levels; i++) c = { kind: "not", condition: c };
  return c;
};

/** Runs `f`, expecting a typed error; returns it. */
function typedError(f: () => unknown): AbmKitError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(AbmKitError);
    return error as AbmKitError;
  }
  throw new Error("expected a typed error");
}

describe("condition nesting", () => {
  it("an and/or nesting of 1,000 levels is a validation error naming where the limit is passed", () => {
    const error = typedError(() => validateAudience(accountAudience(nestAnd(1000))));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.code).toBe("VALIDATION_FAILED");
    const deep = error.problems.filter((p) => p.code === "too_deep");
    expect(deep).toHaveLength(1);
    // the first node past the limit: MAX_CONDITION_DEPTH `and`s above it
    expect(deep[0]!.path).toEqual(["condition", ...Array.from({ length: MAX_CONDITION_DEPTH }, () => ["conditions", 0]).flat()]);
  });

  it("a not chain of 2,000 is a validation error", () => {
    const error = typedError(() => validateAudience(accountAudience(nestNot(2000))));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.problems.map((p) => p.code)).toEqual(["too_deep"]);
    expect(error.problems[0]!.path).toEqual(["condition", ...Array.from({ length: MAX_CONDITION_DEPTH }, () => "condition")]);
  });

  it("a nesting of 100,000 levels is refused too (no stack overflow while looking)", () => {
    expect(typedError(() => validateAudience(accountAudience(nestNot(100_000)))).problems[0]!.code).toBe("too_deep");
  });

  it("nesting at the limit validates and evaluates, in batch and streaming", () => {
    expect(MAX_CONDITION_DEPTH).toBeGreaterThanOrEqual(64);
    const snapshot = fixtureSnapshot();
    const atLimit = accountAudience(nestNot(MAX_CONDITION_DEPTH)); // 63 nots over the leaf: its negation
    expect(evaluate(atLimit, snapshot, { now: NOW }).memberIds).toEqual(["A3"]);
    expect(createStreamingEvaluator(snapshot, [atLimit], { now: NOW }).members("test")).toEqual(["A3"]);
    expect(validateAudience(accountAudience(nestAnd(MAX_CONDITION_DEPTH)))).toBeDefined();
  });

  it("reports the depth problem together with the other problems of the definition", () => {
    const input = {
      ...accountAudience({ kind: "or", conditions: [nestNot(MAX_CONDITION_DEPTH + 5), { kind: "attribute", field: "x", op: "in" }] }),
      version: 0,
    };
    const problems = typedError(() => validateAudience(input)).problems.map((p) => ({ path: p.path.join("."), code: p.code }));
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: "version", code: "too_small" },
        { path: "condition.conditions.1.values", code: "invalid_operand" },
        expect.objectContaining({ code: "too_deep" }),
      ]),
    );
  });
});

describe("reference chains", () => {
  const chain = (length: number): Audience[] => {
    const list = [accountAudience(leaf, "a0")];
    for (let i = 1; i < length; i++) list.push(accountAudience({ kind: "inAudience", audienceId: `a${i - 1}` }, `a${i}`));
    return list;
  };

  it("evaluateAll resolves a chain of 5,000 audiences given deepest-first", () => {
    const list = chain(5000).reverse();
    const results = evaluateAll(list, fixtureSnapshot(), { now: NOW });
    expect(results).toHaveLength(5000);
    expect(results.every((r) => r.memberIds.join() === "A1,A2,A4")).toBe(true);
  });

  it("evaluate resolves a chain of 5,000 referenced audiences", () => {
    const list = chain(5000);
    expect(evaluate(list[4999]!, fixtureSnapshot(), { now: NOW, audiences: list.slice(0, 4999) }).memberIds).toEqual(["A1", "A2", "A4"]);
  });

  it("a cycle at the end of a long chain is still an error naming the cycle", () => {
    const list = chain(3000);
    list[0] = accountAudience({ kind: "inAudience", audienceId: "a2999" }, "a0");
    const error = typedError(() => evaluateAll(list.reverse(), fixtureSnapshot(), { now: NOW }));
    expect(error.code).toBe("AUDIENCE_REFERENCE_CYCLE");
    expect(error.message).toContain("a2999 → a2998");
  });

  it("streamingEligibility ends on a reference cycle and walks a chain of 5,000 without recursion", () => {
    const a = accountAudience({ kind: "inAudience", audienceId: "b" }, "a");
    const b = accountAudience({ kind: "and", conditions: [{ kind: "inAudience", audienceId: "a" }, leaf] }, "b");
    expect(streamingEligibility(a, { audiences: [a, b] }).mode).toBe("streaming");
    const list = chain(5000);
    list[0] = accountAudience({ kind: "event", types: ["x"], window: { to: "now" } }, "a0"); // no start: batch-only
    const verdict = streamingEligibility(list[4999]!, { audiences: list });
    expect(verdict.mode).toBe("batch");
    expect(verdict.reasons.find((r) => r.code === "batch_reference")!.message).toMatch(/^references audience a4998 → a4997 → .* → a0, which is batch-only$/);
  });

  it("the streaming evaluator accepts a chain of 5,000 audiences given deepest-first", () => {
    const evaluator = createStreamingEvaluator(fixtureSnapshot(), chain(5000).reverse(), { now: NOW });
    expect(evaluator.members("a4999")).toEqual(["A1", "A2", "A4"]);
    expect(evaluator.audienceIds()[0]).toBe("a0");
  });
});

describe("time bounds", () => {
  it("explain with a window of 1e15 days is a validation error at the duration", () => {
    const definition = accountAudience({ kind: "event", types: ["Visit Webpage"], window: { last: { amount: 1e15, unit: "days" } } });
    const error = typedError(() => explain(definition, fixtureSnapshot(), "A1", { now: NOW }));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.problems.map((p) => [p.path.join("."), p.code])).toEqual([["condition.window.last.amount", "too_big"]]);
  });

  it("a duration up to 1,000 years is accepted in every unit; one past it is not", () => {
    const within = (amount: number, unit: "minutes" | "hours" | "days" | "weeks" | "months" | "years") =>
      accountAudience({ kind: "attribute", field: "createdAt", op: "gt", value: { ago: { amount, unit } } });
    for (const [amount, unit] of [
      [1000, "years"],
      [12_000, "months"],
      [52_177, "weeks"],
      [365_242, "days"],
      [8_765_820, "hours"],
      [525_949_200, "minutes"],
    ] as const) {
      expect(evaluate(within(amount, unit), fixtureSnapshot(), { now: NOW }).memberIds).toEqual(["A1"]);
      expect(typedError(() => validateAudience(within(amount * 2, unit))).problems[0]!.path).toEqual(["condition", "value", "ago", "amount"]);
    }
  });

  it("evaluate with now beyond the Date range is a typed error naming now", () => {
    const definition = accountAudience(leaf);
    for (const now of [9e15, -9e15, 8.64e15, "+275760-09-13T00:00:00.000Z", "10000-01-01T00:00:00Z", new Date(Number.NaN), Number.NaN]) {
      const error = typedError(() => evaluate(definition, fixtureSnapshot(), { now }));
      expect(error.code).toBe("VALIDATION_FAILED");
      expect(error.problems[0]!.path).toEqual(["now"]);
    }
  });

  it("now from year 1 to year 9999 is accepted", () => {
    const definition = accountAudience({ kind: "attribute", field: "createdAt", op: "within", window: { last: { amount: 1000, unit: "years" } } });
    expect(evaluate(definition, fixtureSnapshot(), { now: "0001-01-01T00:00:00.000Z" }).now).toBe("0001-01-01T00:00:00.000Z");
    expect(evaluate(definition, fixtureSnapshot(), { now: "9999-12-31T23:59:59.999Z" }).memberIds).toEqual([]);
    const streaming = createStreamingEvaluator(fixtureSnapshot(), [definition], { now: NOW });
    expect(typedError(() => streaming.advanceTo(9e15)).problems[0]!.path).toEqual(["now"]);
  });
});

describe("composition nesting and chains", () => {
  const ref = { kind: "audience", audienceId: "base" } as const;
  const results = [{ audienceId: "base", type: "account" as const, memberIds: ["A1", "A2"], now: NOW }];

  it("a union nesting of 1,000 levels is a validation error naming where the limit is passed", () => {
    let node: unknown = ref;
    for (let i = 0; i < 1000; i++) node = { kind: "union", inputs: [node] };
    const error = typedError(() =>
      evaluateComposition({ id: "deep", name: "Deep", version: 1, type: "account", members: node as never }, fixtureSnapshot(), { now: NOW, results }),
    );
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.problems.map((p) => p.code)).toEqual(["too_deep"]);
    expect(error.problems[0]!.path).toEqual(["members", ...Array.from({ length: MAX_COMPOSITION_DEPTH }, () => ["inputs", 0]).flat()]);
  });

  it("an inline audience with a 1,000-level condition inside a composition is a validation error", () => {
    const members = { kind: "definition" as const, audience: accountAudience(nestAnd(1000), "inline") };
    const error = typedError(() => evaluateComposition({ id: "c", name: "C", version: 1, type: "account", members }, fixtureSnapshot(), { now: NOW }));
    expect(error.problems.map((p) => p.code)).toEqual(["too_deep"]);
    expect(error.problems[0]!.path.slice(0, 3)).toEqual(["members", "audience", "condition"]);
  });

  it("a chain of 3,000 compositions referencing each other evaluates", () => {
    const compositions: unknown[] = [{ id: "c0", name: "c0", version: 1, type: "account", members: ref }];
    for (let i = 1; i < 3000; i++)
      compositions.push({ id: `c${i}`, name: `c${i}`, version: 1, type: "account", members: { kind: "audience", audienceId: `c${i - 1}` } });
    const out = evaluateCompositions(compositions.reverse() as never, fixtureSnapshot(), { now: NOW, results });
    expect(out).toHaveLength(3000);
    expect(out[0]!.memberIds).toEqual(["A1", "A2"]);
  });
});
