import { describe, expect, it } from "vitest";
import { AbmKitError } from "@abm-kit/core";
import { evaluate, evaluateAll, type Audience, type Condition } from "../src/index.js";
import { NOW, fixtureSnapshot } from "./fixtures.js";

const snapshot = fixtureSnapshot();
const def = (id: string, condition: Condition, type: "account" | "person" = "account"): Audience => ({ id, name: id, version: 1, type, condition });
const customers = def("customers", { kind: "attribute", field: "type", op: "eq", value: "Customer" });
const prospects = def("prospects", { kind: "not", condition: { kind: "inAudience", audienceId: "customers" } });
const marketers = def("marketers", { kind: "attribute", field: "title", op: "contains", value: "Marketing" }, "person");

describe("audience references", () => {
  it("evaluateAll resolves references in dependency order, whatever the input order", () => {
    const results = evaluateAll([prospects, customers], snapshot, { now: NOW });
    expect(results.map((r) => [r.audienceId, r.memberIds])).toEqual([
      ["prospects", ["A2", "A3", "A4"]],
      ["customers", ["A1"]],
    ]);
  });
  it("a reference can be a previous result, or a person audience under an account's people", () => {
    const result = evaluate(customers, snapshot, { now: NOW });
    expect(evaluate(prospects, snapshot, { now: NOW, audiences: [result] }).memberIds).toEqual(["A2", "A3", "A4"]);
    const withMarketers = def("with-marketers", {
      kind: "related",
      relation: "people",
      quantifier: "some",
      where: { kind: "inAudience", audienceId: "marketers" },
    });
    expect(evaluate(withMarketers, snapshot, { now: NOW, audiences: [marketers] }).memberIds).toEqual(["A1", "A2"]);
  });
  it("a cycle is an error naming it", () => {
    const a = def("a", { kind: "inAudience", audienceId: "b" });
    const b = def("b", { kind: "or", conditions: [{ kind: "inAudience", audienceId: "c" }] });
    const c = def("c", { kind: "not", condition: { kind: "inAudience", audienceId: "a" } });
    try {
      evaluateAll([a, b, c], snapshot, { now: NOW });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AbmKitError);
      expect((error as AbmKitError).code).toBe("AUDIENCE_REFERENCE_CYCLE");
      expect((error as AbmKitError).message).toContain("a → b → c → a");
    }
    expect(() => evaluate(def("self", { kind: "inAudience", audienceId: "self" }), snapshot, { now: NOW })).toThrow("self → self");
  });
  it("an unknown reference or a reference of the wrong type is an error", () => {
    expect(() => evaluate(prospects, snapshot, { now: NOW })).toThrow(/"customers".*was not given/);
    expect(() => evaluate(def("x", { kind: "inAudience", audienceId: "marketers" }), snapshot, { now: NOW, audiences: [marketers] })).toThrow(
      /lists person rows/,
    );
  });
  it("rejects a bad now with a typed error", () => {
    expect(() => evaluate(customers, snapshot, { now: "yesterday" })).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED" }));
  });
});
