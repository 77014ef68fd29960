import { describe, expect, it } from "vitest";
import { evaluate, explain, preview, type Audience } from "../src/index.js";
import { NOW, fixtureSnapshot } from "./fixtures.js";

const snapshot = fixtureSnapshot();
const gaps: Audience = {
  id: "gaps",
  name: "Buying group gaps",
  version: 1,
  type: "account",
  condition: {
    kind: "and",
    conditions: [
      { kind: "attribute", field: "type", op: "neq", value: "Partner" },
      { kind: "related", relation: "people", quantifier: "none", where: { kind: "attribute", field: "title", op: "in", values: ["VP Marketing"] } },
      { kind: "event", types: ["Visit Webpage", "Intent Surge"], window: { last: { amount: 30, unit: "days" } } },
    ],
  },
};

describe("explain", () => {
  it("explains a member: every node held, with values and the events counted", () => {
    const result = explain(gaps, snapshot, "A2", { now: NOW });
    expect(result.member).toBe(true);
    expect(result.root.held).toBe(true);
    const [type, none, visits] = result.root.children;
    expect(type).toMatchObject({ kind: "attribute", held: true, evidence: { field: "type", value: "Prospect" } });
    expect(none).toMatchObject({ kind: "related", held: true, evidence: { related: 2, matched: 0 } });
    expect(visits!.held).toBe(true);
    const ids = (visits!.evidence!.examples as { id: string }[]).map((e) => e.id).sort();
    expect(ids).toEqual(["E1", "E6", "E8"]);
  });
  it("explains a non-member: the failing node and the person that decided it", () => {
    const result = explain(gaps, snapshot, "A1", { now: NOW });
    expect(result.member).toBe(false);
    const none = result.root.children[1]!;
    expect(none.held).toBe(false);
    expect(none.evidence).toMatchObject({ matched: 1, matchedRows: [{ id: "P2", title: "VP Marketing" }] });
    expect(none.children[0]).toMatchObject({ scope: "person", rowId: "P2", held: true });
    expect(result.root.children[2]!.held).toBe(true);
  });
  it("agrees with evaluate for every account, and rejects an unknown id", () => {
    const members = new Set(evaluate(gaps, snapshot, { now: NOW }).memberIds);
    for (const id of snapshot.accounts.ids!) expect(explain(gaps, snapshot, id, { now: NOW }).member).toBe(members.has(id));
    expect(() => explain(gaps, snapshot, "nope", { now: NOW })).toThrow(expect.objectContaining({ code: "UNKNOWN_MEMBER" }));
  });
});

describe("preview", () => {
  it("counts members without listing them", () => {
    expect(preview(gaps, snapshot, { now: NOW })).toEqual({ audienceId: "gaps", type: "account", now: NOW, size: 1, total: 4 });
    expect(preview(gaps, snapshot, { now: NOW }).size).toBe(evaluate(gaps, snapshot, { now: NOW }).size);
  });
});
