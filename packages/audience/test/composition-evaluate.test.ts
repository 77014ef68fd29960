import { SnapshotBuilder, ValidationError } from "@abm-kit/core";
import { describe, expect, it } from "vitest";
import { attr, audience } from "../src/builder/index.js";
import { compositionJsonSchema, evaluateComposition, evaluateCompositions, type Composition, type MemberList } from "../src/composition/index.js";

const NOW = "2026-11-20T12:00:00.000Z";
const snapshot = (() => {
  const b = new SnapshotBuilder({ asOf: NOW });
  const industries = ["Software", "Software", "Healthcare", "Manufacturing", "Software", "Healthcare"];
  industries.forEach((industry, i) => b.addAccount({ id: `a${i + 1}`, industry, employeeCount: (i + 1) * 100 }));
  b.addPerson({ id: "p1" });
  return b.build();
})();
const results: MemberList[] = [
  { audienceId: "icp", type: "account", memberIds: ["a1", "a2", "a3", "a4", "a5"], now: NOW },
  { audienceId: "customers", type: "account", memberIds: ["a2"], now: NOW },
  { audienceId: "late-stage", type: "account", memberIds: ["a5", "a6"], now: NOW },
  { audienceId: "high", type: "account", memberIds: ["a1"], now: NOW },
  { audienceId: "medium", type: "account", memberIds: ["a1", "a3"], now: NOW },
  { audienceId: "leaders", type: "person", memberIds: ["p1"], now: NOW },
];
const ref = (audienceId: string) => ({ kind: "audience" as const, audienceId });
const base = { version: 1, type: "account" as const };

const suppression: Composition = { ...base, id: "suppression", name: "Suppression", members: { kind: "union", inputs: [ref("customers"), ref("late-stage")] } };
const icpMinus: Composition = {
  ...base,
  id: "icp-minus-suppression",
  name: "ICP minus suppression",
  members: { kind: "exclude", from: ref("icp"), exclude: [ref("suppression")] },
};

describe("evaluateComposition", () => {
  it("resolves references to results and other compositions, nested", () => {
    const [result] = evaluateComposition(icpMinus, snapshot, { now: NOW, results, compositions: [suppression] });
    expect(result).toEqual({
      audienceId: "icp-minus-suppression",
      audienceName: "ICP minus suppression",
      audienceVersion: 1,
      type: "account",
      now: NOW,
      memberIds: ["a1", "a3", "a4"],
      memberRows: Int32Array.from([0, 2, 3]),
      size: 3,
      warnings: [],
    });
  });

  it("ranks, then splits by priority with a remainder, and enriches every branch", () => {
    const tiers: Composition = {
      ...base,
      id: "tiers",
      name: "Tiers",
      members: { kind: "rank", input: ref("icp-minus-suppression"), by: { kind: "field", field: "employeeCount" }, limit: 2 },
      split: {
        by: "priority",
        tiers: [
          { id: "tier-high", members: ref("high") },
          { id: "tier-medium", name: "Medium", members: ref("medium") },
        ],
        otherwise: { id: "tier-low" },
      },
      enrich: [{ name: "employees", value: { kind: "field", field: "employeeCount" } }],
    };
    const out = evaluateComposition(tiers, snapshot, { now: NOW, results, compositions: [suppression, icpMinus] });
    expect(out.map((r) => [r.audienceId, r.audienceName, r.memberIds])).toEqual([
      ["tier-high", "tier-high", []],
      ["tier-medium", "Medium", ["a3"]],
      ["tier-low", "tier-low", ["a4"]],
    ]);
    expect(out[1]!.members).toEqual([{ id: "a3", attributes: { employees: 300 } }]);
  });

  it("splits by percentage and by attribute", () => {
    const ab = evaluateComposition(
      {
        ...base,
        id: "ab",
        name: "A/B",
        members: ref("icp"),
        split: {
          by: "percentage",
          salt: "x",
          branches: [
            { id: "ab-a", percent: 50 },
            { id: "ab-b", percent: 50 },
          ],
        },
      },
      snapshot,
      { now: NOW, results },
    );
    expect(ab.flatMap((r) => r.memberIds).sort()).toEqual(["a1", "a2", "a3", "a4", "a5"]);
    const byIndustry = evaluateComposition(
      {
        ...base,
        id: "ind",
        name: "By industry",
        members: ref("icp"),
        split: { by: "attribute", field: "industry", branches: [{ id: "ind-sw", values: ["Software"] }], otherwise: { id: "ind-rest" } },
      },
      snapshot,
      { now: NOW, results },
    );
    expect(byIndustry.map((r) => r.memberIds)).toEqual([
      ["a1", "a2", "a5"],
      ["a3", "a4"],
    ]);
  });

  it("evaluates a set of compositions in any order and lets them reference branches", () => {
    const high: Composition = { ...base, id: "only-high", name: "High tier", members: ref("tier-high") };
    const tiers: Composition = {
      ...base,
      id: "tiers",
      name: "Tiers",
      members: ref("icp"),
      split: { by: "priority", tiers: [{ id: "tier-high", members: ref("high") }] },
    };
    const out = evaluateCompositions([high, tiers], snapshot, { now: NOW, results });
    expect(out.map((r) => [r.audienceId, r.memberIds])).toEqual([
      ["only-high", ["a1"]],
      ["tier-high", ["a1"]],
    ]);
  });

  it("evaluates inline definitions and referenced definitions with the audience evaluator", () => {
    const software = audience.account("software", "Software").where(attr.text("industry").eq("Software"));
    const big = audience.account("big", "Big").where(attr.number("employeeCount").gte(300));
    const [result] = evaluateComposition(
      {
        ...base,
        id: "big-software-icp",
        name: "Big software ICP",
        members: { kind: "intersect", inputs: [ref("icp"), { kind: "definition", audience: software }, ref("big")] },
      },
      snapshot,
      { now: NOW, results, audiences: [big] },
    );
    expect(result!.memberIds).toEqual(["a5"]);
    const people = audience.person("everyone", "Everyone").where(attr.text("email").missing());
    expect(() => evaluateComposition({ ...base, id: "x", name: "X", members: { kind: "definition", audience: people } }, snapshot, { now: NOW })).toThrow(
      expect.objectContaining({ code: "COMPOSITION_TYPE_MISMATCH" }),
    );
  });

  it("names a cycle between compositions", () => {
    const a: Composition = { ...base, id: "c-a", name: "A", members: ref("c-b") };
    const b: Composition = { ...base, id: "c-b", name: "B", members: { kind: "union", inputs: [ref("icp"), ref("c-a")] } };
    expect(() => evaluateCompositions([a, b], snapshot, { now: NOW, results })).toThrow(
      expect.objectContaining({ code: "COMPOSITION_CYCLE", message: expect.stringContaining("c-a → c-b → c-a") }),
    );
  });

  it("names unknown references, mixed types and duplicate result ids", () => {
    expect(() =>
      evaluateComposition({ ...base, id: "x", name: "X", members: { kind: "union", inputs: [ref("icp"), ref("nope")] } }, snapshot, { now: NOW, results }),
    ).toThrow(expect.objectContaining({ code: "UNKNOWN_AUDIENCE", problems: [expect.objectContaining({ path: ["members", "inputs", 1, "audienceId"] })] }));
    expect(() => evaluateComposition({ ...base, id: "x", name: "X", members: ref("leaders") }, snapshot, { now: NOW, results })).toThrow(
      expect.objectContaining({ code: "COMPOSITION_TYPE_MISMATCH" }),
    );
    expect(() => evaluateCompositions([suppression, { ...suppression }], snapshot, { now: NOW, results })).toThrow(
      expect.objectContaining({ code: "DUPLICATE_RESULT_ID" }),
    );
    expect(() => evaluateComposition(icpMinus, snapshot, { now: NOW, results: [{ audienceId: "icp", type: "company" } as never] })).toThrow(
      expect.objectContaining({
        code: "INVALID_MEMBER_LIST",
        problems: [expect.objectContaining({ path: ["results", 0, "type"] }), expect.objectContaining({ path: ["results", 0, "memberIds"] })],
      }),
    );
  });

  it("validates the definition and names every problem with its path", () => {
    try {
      evaluateComposition(
        {
          id: "x",
          name: "",
          version: 1,
          type: "account",
          members: { kind: "rank", input: ref("icp"), by: { kind: "field", field: "employeeCount" }, limit: 0 },
          split: {
            by: "percentage",
            salt: "s",
            branches: [
              { id: "a", percent: 70 },
              { id: "b", percent: 20 },
            ],
          },
        },
        snapshot,
        { now: NOW, results },
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).problems.map((p) => p.path.join("."))).toEqual(expect.arrayContaining(["name", "members.limit", "split.branches"]));
    }
    expect(() => evaluateComposition(icpMinus, snapshot, { now: "soon", results })).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED" }));
  });

  it("publishes a JSON Schema", () => {
    const schema = compositionJsonSchema();
    expect(schema.required).toEqual(expect.arrayContaining(["id", "name", "version", "type", "members"]));
    expect(JSON.stringify(schema)).toContain("priority");
  });
});
