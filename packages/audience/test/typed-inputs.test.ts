import { describe, expect, it } from "vitest";
import { buildSnapshot } from "@abm-kit/core";
import { attr, audience, compileAudience, createStreamingEvaluator, evaluate, evaluateComposition, validateAudience } from "../src/index.js";

/**
 * Definitions are typed (the schemas' types): a mistake in a definition literal
 * fails the type-check (each `@ts-expect-error` is checked by `tsc`). A
 * definition from untyped data goes through `validateAudience` first.
 */
describe("typed audience inputs", () => {
  const now = "2026-11-20T12:00:00Z";
  const snapshot = buildSnapshot({ accounts: [{ id: "acc-1", industry: "Software" }] }, { asOf: now });
  const condition = { kind: "attribute", field: "industry", op: "eq", value: "Software" } as const;

  it("a misspelt audience type, condition kind or operator does not compile, and is a ValidationError at run time", () => {
    // @ts-expect-error "acount" is not an audience type
    expect(() => evaluate({ id: "a", name: "A", version: 1, type: "acount", condition }, snapshot, { now })).toThrow(
      expect.objectContaining({ code: "VALIDATION_FAILED" }),
    );
    expect(() =>
      compileAudience(
        // @ts-expect-error "equals" is not an operator
        { id: "a", name: "A", version: 1, type: "account", condition: { kind: "attribute", field: "industry", op: "equals", value: "x" } },
        snapshot,
      ),
    ).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED" }));
    // @ts-expect-error a composition's members is a node, not a list of ids
    expect(() => evaluateComposition({ id: "c", name: "C", version: 1, type: "account", members: ["a"] }, snapshot, { now })).toThrow(
      expect.objectContaining({ code: "VALIDATION_FAILED" }),
    );
    const evaluator = createStreamingEvaluator(snapshot, [audience.account("sw", "SW").where(attr.text("industry").eq("Software"))], { now });
    // @ts-expect-error an event change carries its event under `record`
    expect(evaluator.apply({ kind: "event", id: "e1", type: "Visit", occurredAt: now, accountId: "acc-1" }).status).toBe("rejected");
  });

  it("a definition from untyped data (JSON) is validated by validateAudience, then evaluated", () => {
    const json: unknown = JSON.parse(JSON.stringify({ id: "sw", name: "Software", version: 1, type: "account", condition }));
    expect(evaluate(validateAudience(json), snapshot, { now }).memberIds).toEqual(["acc-1"]);
    expect(() => validateAudience({ ...(json as object), type: "acount" })).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED" }));
  });
});
