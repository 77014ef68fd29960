import { AbmKitError, ValidationError } from "@abm-kit/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffMembership, membershipStateJsonSchema, type MembershipState } from "../src/diff/index.js";

const result = (memberIds: string[]) => ({ audienceId: "icp", type: "account" as const, memberIds });

describe("diffMembership", () => {
  it("realizes every member on the first run, in id order", () => {
    const diff = diffMembership(undefined, result(["b", "a"]), { now: "2026-11-01T00:00:00Z" });
    expect(diff.realized.map((m) => m.id)).toEqual(["a", "b"]);
    expect(diff.realized.every((m) => m.since === "2026-11-01T00:00:00.000Z")).toBe(true);
    expect(diff.existing).toEqual([]);
    expect(diff.exited).toEqual([]);
    expect(diff.state).toEqual({
      audienceId: "icp",
      type: "account",
      evaluatedAt: "2026-11-01T00:00:00.000Z",
      members: [
        { id: "a", since: "2026-11-01T00:00:00.000Z" },
        { id: "b", since: "2026-11-01T00:00:00.000Z" },
      ],
    });
  });

  it("keeps since across runs, stamps exits, and realizes a returning member again", () => {
    const first = diffMembership(undefined, result(["a", "b"]), { now: "2026-11-01T00:00:00Z" });
    const second = diffMembership(first.state, result(["b", "c"]), { now: "2026-11-02T00:00:00Z" });
    expect(second.members).toEqual([
      { id: "a", status: "exited", since: "2026-11-01T00:00:00.000Z", exitedAt: "2026-11-02T00:00:00.000Z" },
      { id: "b", status: "existing", since: "2026-11-01T00:00:00.000Z" },
      { id: "c", status: "realized", since: "2026-11-02T00:00:00.000Z" },
    ]);
    expect(second.counts).toEqual({ realized: 1, existing: 1, exited: 1, current: 2 });
    const third = diffMembership(JSON.parse(JSON.stringify(second.state)) as MembershipState, result(["a", "b", "c"]), { now: "2026-11-03T00:00:00Z" });
    expect(third.realized).toEqual([{ id: "a", status: "realized", since: "2026-11-03T00:00:00.000Z" }]);
    expect(third.existing.map((m) => [m.id, m.since])).toEqual([
      ["b", "2026-11-01T00:00:00.000Z"],
      ["c", "2026-11-02T00:00:00.000Z"],
    ]);
  });

  it("rejects a state of another audience or type, and a state from after now", () => {
    const state = diffMembership(undefined, result(["a"]), { now: "2026-11-02T00:00:00Z" }).state;
    expect(() => diffMembership(state, { ...result(["a"]), audienceId: "other" }, { now: "2026-11-03T00:00:00Z" })).toThrow(
      expect.objectContaining({ code: "MEMBERSHIP_STATE_MISMATCH" }),
    );
    expect(() => diffMembership(state, { ...result(["a"]), type: "person" }, { now: "2026-11-03T00:00:00Z" })).toThrow(
      expect.objectContaining({ code: "MEMBERSHIP_STATE_MISMATCH" }),
    );
    expect(() => diffMembership(state, result(["a"]), { now: "2026-11-01T00:00:00Z" })).toThrow(
      expect.objectContaining({ code: "MEMBERSHIP_STATE_FROM_FUTURE" }),
    );
    expect(() => diffMembership(undefined, result(["a"]), { now: "yesterday" })).toThrow(AbmKitError);
  });

  it("validates a state read from JSON and names every problem with its path", () => {
    const bad = {
      audienceId: "icp",
      type: "account",
      evaluatedAt: "2026-11-01T00:00:00Z",
      members: [
        { id: "a", since: "2026-10-01T00:00:00Z" },
        { id: "a", since: "2026-10-02T00:00:00Z" },
        { id: "b", since: "not a time" },
        { id: "c", since: "2026-12-01T00:00:00Z" },
      ],
    } as unknown as MembershipState;
    try {
      diffMembership(bad, result(["a"]), { now: "2026-11-02T00:00:00Z" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      const paths = (error as ValidationError).problems.map((p) => p.path.join("."));
      expect(paths).toEqual(expect.arrayContaining(["members.1.id", "members.2.since", "members.3.since"]));
    }
  });

  it("rejects a malformed current result with a typed error", () => {
    expect(() => diffMembership(undefined, { audienceId: "x", type: "account", memberIds: [1] } as never, { now: "2026-11-02T00:00:00Z" })).toThrow(
      ValidationError,
    );
  });

  it("publishes a JSON Schema for the state", () => {
    const schema = membershipStateJsonSchema();
    expect(schema.type).toBe("object");
    expect(schema.required).toEqual(expect.arrayContaining(["audienceId", "type", "evaluatedAt", "members"]));
  });

  it("partitions previous ∪ current into realized, existing and exited (property)", () => {
    const ids = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { maxLength: 30 });
    fc.assert(
      fc.property(ids, ids, (before, after) => {
        const first = diffMembership(undefined, result(before), { now: "2026-11-01T00:00:00Z" });
        const diff = diffMembership(first.state, result(after), { now: "2026-11-02T00:00:00Z" });
        const all = new Set([...before, ...after]);
        const parts = [diff.realized, diff.existing, diff.exited].map((list) => list.map((m) => m.id));
        expect(parts.flat().length).toBe(all.size);
        expect(new Set(parts.flat())).toEqual(all);
        expect(parts[0]!.every((id) => after.includes(id) && !before.includes(id))).toBe(true);
        expect(parts[1]!.every((id) => after.includes(id) && before.includes(id))).toBe(true);
        expect(parts[2]!.every((id) => before.includes(id) && !after.includes(id))).toBe(true);
        const listed = diff.members.map((m) => m.id);
        expect(listed).toEqual([...listed].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
        expect(diff.state.members.map((m) => m.id).sort()).toEqual([...after].sort());
      }),
    );
  });
});
