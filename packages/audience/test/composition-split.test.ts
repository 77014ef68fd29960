import { buildSnapshot } from "@abm-kit/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitByPercentage as splitIn, type MemberList, type PercentageSplitOptions } from "../src/composition/index.js";

const NOW = "2026-11-20T12:00:00.000Z";
const list = (memberIds: readonly string[]): MemberList => ({ audienceId: "icp", type: "account", memberIds, now: NOW });
const MEMBERS = Array.from({ length: 10_000 }, (_, i) => `001${String(i).padStart(6, "0")}`);
const snapshot = buildSnapshot({ accounts: MEMBERS.map((id) => ({ id })) }, { asOf: NOW });
const splitByPercentage = (input: MemberList, options: PercentageSplitOptions) => splitIn(input, snapshot, options);
const ab = [
  { id: "test", name: "Test", percent: 90 },
  { id: "holdout", name: "Holdout", percent: 10 },
];

describe("splitByPercentage", () => {
  it("partitions the members, roughly by share, into results named after the branches", () => {
    const [test, holdout] = splitByPercentage(list(MEMBERS), { salt: "q4", branches: ab });
    expect(test!.audienceId).toBe("test");
    expect(holdout!.audienceName).toBe("Holdout");
    expect(test!.size + holdout!.size).toBe(10_000);
    expect(holdout!.size).toBeGreaterThan(850);
    expect(holdout!.size).toBeLessThan(1150);
    expect(test!.memberIds.filter((id) => holdout!.memberIds.includes(id))).toEqual([]);
  });

  it("gives the same split on every run and a different one for another salt", () => {
    const members = MEMBERS.slice(0, 200);
    const once = splitByPercentage(list(members), { salt: "s", branches: ab });
    const again = splitByPercentage(list([...members].reverse()), { salt: "s", branches: ab });
    expect(again).toEqual(once);
    const other = splitByPercentage(list(members), { salt: "t", branches: ab });
    expect(other[1]!.memberIds).not.toEqual(once[1]!.memberIds);
  });

  it("rejects shares that do not sum to 100, naming each problem", () => {
    expect(() =>
      splitByPercentage(list(MEMBERS.slice(0, 1)), {
        salt: "s",
        branches: [
          { id: "x", percent: 60 },
          { id: "y", percent: 30 },
        ],
      }),
    ).toThrow(
      expect.objectContaining({
        code: "SPLIT_PERCENTAGES_INVALID",
        problems: [expect.objectContaining({ path: ["branches"], message: "the shares sum to 90, not 100" })],
      }),
    );
    try {
      splitByPercentage(list(MEMBERS.slice(0, 1)), {
        salt: "s",
        branches: [
          { id: "x", percent: -5 },
          { id: "x", percent: 105 },
        ],
      });
      expect.unreachable();
    } catch (error) {
      const paths = (error as { problems: { path: unknown[] }[] }).problems.map((p) => p.path.join("."));
      expect(paths).toEqual(["branches.0.percent", "branches.1.percent", "branches.1.id"]);
    }
    expect(() => splitByPercentage(list(MEMBERS.slice(0, 1)), { salt: "s", branches: [] })).toThrow(
      expect.objectContaining({ code: "SPLIT_PERCENTAGES_INVALID" }),
    );
  });

  it("accepts fractional shares that sum to 100", () => {
    const results = splitByPercentage(list(MEMBERS.slice(0, 3)), {
      salt: "s",
      branches: [
        { id: "x", percent: 33.3 },
        { id: "y", percent: 33.3 },
        { id: "z", percent: 33.4 },
      ],
    });
    expect(results.reduce((n, r) => n + r.size, 0)).toBe(3);
  });

  it("partitions the audience and keeps members in their branch when unrelated members join (property)", () => {
    const ids = fc.uniqueArray(fc.constantFrom(...MEMBERS.slice(0, 500)), { maxLength: 40 });
    const shares = fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 5 }).map((weights) => {
      const total = weights.reduce((a, b) => a + b, 0);
      const percents = weights.map((w) => Math.floor((w / total) * 10_000) / 100);
      percents[0]! += Math.round((100 - percents.reduce((a, b) => a + b, 0)) * 100) / 100;
      return percents.map((percent, i) => ({ id: `b${i}`, percent }));
    });
    fc.assert(
      fc.property(ids, ids, shares, fc.string(), (members, extra, branches, salt) => {
        const before = splitByPercentage(list(members), { salt, branches });
        const all = before.flatMap((r) => r.memberIds);
        expect(all.length).toBe(new Set(members).size);
        expect(new Set(all)).toEqual(new Set(members));
        const after = splitByPercentage(list([...members, ...extra]), { salt, branches });
        before.forEach((branch, i) => branch.memberIds.forEach((id) => expect(after[i]!.memberIds).toContain(id)));
      }),
    );
  });
});
