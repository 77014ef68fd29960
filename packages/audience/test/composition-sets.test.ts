import { buildSnapshot, type Snapshot } from "@abm-kit/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  exclude as excludeIn,
  intersect as intersectIn,
  priorityList,
  union as unionIn,
  type MemberList,
  type ResultIdentity,
} from "../src/composition/index.js";

const NOW = "2026-11-20T12:00:00.000Z";
/** Account ids, including ones whose code-unit order differs from locale order. */
const POOL = ["B", "Z", "a", "b", "é", "acc-1", "acc-2", "acc-3", "acc-4", "x", "y", "z", "001A", "001a", "0", "00", "~", "ß", "Ω", "𝔸"];
const snapshot: Snapshot = buildSnapshot({ accounts: POOL.map((id) => ({ id })), persons: [{ id: "p1" }] }, { asOf: NOW });
const union = (inputs: readonly MemberList[], identity: ResultIdentity) => unionIn(inputs, snapshot, identity);
const intersect = (inputs: readonly MemberList[], identity: ResultIdentity) => intersectIn(inputs, snapshot, identity);
const exclude = (from: MemberList, suppress: readonly MemberList[], identity: ResultIdentity) => excludeIn(from, suppress, snapshot, identity);
const list = (audienceId: string, memberIds: readonly string[], type: "account" | "person" = "account"): MemberList => ({
  audienceId,
  type,
  memberIds,
  now: NOW,
});
const ids = fc.array(fc.constantFrom(...POOL), { maxLength: 25 });
const out = { id: "out" };

describe("union, intersect, exclude", () => {
  it("combine member lists into sorted, unique results with the given identity", () => {
    const a = list("a", ["acc-3", "acc-1", "acc-2", "acc-1"]);
    const b = list("b", ["acc-4", "acc-2"]);
    const u = union([a, b], { id: "u", name: "A or B", version: 3 });
    expect(u).toEqual({
      audienceId: "u",
      audienceName: "A or B",
      audienceVersion: 3,
      type: "account",
      now: NOW,
      memberIds: ["acc-1", "acc-2", "acc-3", "acc-4"],
      memberRows: Int32Array.from(["acc-1", "acc-2", "acc-3", "acc-4"].map((id) => snapshot.accounts.indexOf(id))),
      size: 4,
      warnings: [],
    });
    expect(intersect([a, b], out).memberIds).toEqual(["acc-2"]);
    expect(exclude(a, [b], out).memberIds).toEqual(["acc-1", "acc-3"]);
    expect(exclude(a, [], out).memberIds).toEqual(["acc-1", "acc-2", "acc-3"]);
    expect(exclude(a, [b, list("c", ["acc-3"])], out).memberIds).toEqual(["acc-1"]);
  });

  it("leaves out members the snapshot does not hold, with a warning, and carries input warnings", () => {
    const result = union([{ ...list("a", ["acc-1", "gone-1", "gone-2"]), warnings: [{ path: [], message: "something odd" }] }], out);
    expect(result.memberIds).toEqual(["acc-1"]);
    expect(result.warnings.map((w) => w.message)).toEqual(["in a: something odd", "2 member(s) are not accounts of this snapshot and were left out"]);
  });

  it("reject a malformed input with a typed error naming it, never a TypeError", () => {
    expect(() => union([list("a", ["x"]), { audienceId: "b", type: "account", memberIds: "x" } as never], out)).toThrow(
      expect.objectContaining({ code: "INVALID_MEMBER_LIST", problems: [{ path: ["inputs", 1, "memberIds"], message: "not an array" }] }),
    );
    expect(() => exclude(list("a", ["x", 7 as never]), [], out)).toThrow(
      expect.objectContaining({ code: "INVALID_MEMBER_LIST", problems: [expect.objectContaining({ path: ["inputs", 0, "memberIds", 1] })] }),
    );
    expect(() => intersect([null as never], out)).toThrow(expect.objectContaining({ code: "INVALID_MEMBER_LIST" }));
    // a `now` that is not an ISO instant (found by the fuzz suite: an object made Date.parse throw)
    expect(() => union([{ ...list("a", ["x"]), now: Object.create(null) as never }], out)).toThrow(
      expect.objectContaining({ code: "INVALID_MEMBER_LIST", problems: [{ path: ["inputs", 0, "now"], message: "not an ISO instant" }] }),
    );
  });

  it("orders ids by code unit, not by locale", () => {
    expect(union([list("a", ["b", "B", "a", "Z", "é"])], out).memberIds).toEqual(["B", "Z", "a", "b", "é"]);
  });

  it("refuse to mix account and person audiences, naming the input", () => {
    expect(() => union([list("a", ["x"]), list("p", ["y"], "person")], out)).toThrow(
      expect.objectContaining({ code: "COMPOSITION_TYPE_MISMATCH", problems: [expect.objectContaining({ path: ["inputs", 1, "type"] })] }),
    );
    expect(() => intersect([], out)).toThrow(expect.objectContaining({ code: "COMPOSITION_EMPTY" }));
  });

  it("need a now when the inputs disagree or do not say", () => {
    const a = { audienceId: "a", type: "account" as const, memberIds: ["x"] };
    expect(() => union([a], out)).toThrow(expect.objectContaining({ code: "COMPOSITION_TIME_UNKNOWN" }));
    expect(() => union([list("a", []), { ...list("b", []), now: "2026-11-19T00:00:00.000Z" }], out)).toThrow(
      expect.objectContaining({ code: "COMPOSITION_TIME_UNKNOWN" }),
    );
    expect(union([a], { id: "u", now: "2026-11-20T12:00:00Z" }).now).toBe(NOW);
  });

  it("exclude(a, a) is empty (property)", () => {
    fc.assert(fc.property(ids, (a) => exclude(list("a", a), [list("a", a)], out).size === 0));
  });

  it("union and intersect are commutative and associative (property)", () => {
    fc.assert(
      fc.property(ids, ids, ids, (x, y, z) => {
        const [a, b, c] = [list("a", x), list("b", y), list("c", z)];
        for (const op of [union, intersect]) {
          expect(op([a, b], out).memberIds).toEqual(op([b, a], out).memberIds);
          const left = op([op([a, b], out), c], out).memberIds;
          const right = op([a, op([b, c], out)], out).memberIds;
          expect(left).toEqual(right);
          expect(op([a, b, c], out).memberIds).toEqual(left);
        }
        const expectedUnion = [...new Set([...x, ...y])].sort((p, q) => (p < q ? -1 : p > q ? 1 : 0));
        expect(union([a, b], out).memberIds).toEqual(expectedUnion);
        expect(intersect([a, b], out).memberIds).toEqual(expectedUnion.filter((id) => x.includes(id) && y.includes(id)));
        expect(exclude(a, [b], out).memberIds).toEqual(expectedUnion.filter((id) => x.includes(id) && !y.includes(id)));
      }),
    );
  });
});

describe("priorityList", () => {
  it("gives each member to the first tier holding it", () => {
    const tiers = priorityList(
      [
        { id: "high", name: "High", list: list("h", ["a", "b"]) },
        { id: "medium", list: list("m", ["b", "x", "y"]) },
        { id: "low", list: list("l", ["a", "y", "z"]) },
      ],
      snapshot,
    );
    expect(tiers.map((t) => [t.audienceId, t.audienceName, t.memberIds])).toEqual([
      ["high", "High", ["a", "b"]],
      ["medium", "medium", ["x", "y"]],
      ["low", "low", ["z"]],
    ]);
  });

  it("partitions the union of its lists (property)", () => {
    fc.assert(
      fc.property(fc.array(ids, { minLength: 1, maxLength: 5 }), (lists) => {
        const tiers = priorityList(
          lists.map((l, i) => ({ id: `t${i}`, list: list(`l${i}`, l) })),
          snapshot,
        );
        const all = tiers.flatMap((t) => t.memberIds);
        expect(all.length).toBe(new Set(all).size);
        expect(new Set(all)).toEqual(new Set(lists.flat()));
        tiers.forEach((tier, i) => tier.memberIds.forEach((id) => expect(lists.findIndex((l) => l.includes(id))).toBe(i)));
      }),
    );
  });
});
