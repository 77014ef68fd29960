import { AbmKitError, buildSnapshot } from "@abm-kit/core";
import { describe, expect, it } from "vitest";
import { createStreamingEvaluator, evaluateAll, type Audience, type MembershipChange, type MembershipDelta } from "../src/index.js";
import { DAY, START, START_MS, at } from "./streaming-model.js";

const engaged: Audience = {
  id: "engaged",
  name: "Three engaged people in 30 days",
  version: 1,
  type: "account",
  condition: {
    kind: "event",
    types: ["Visit Webpage", "Fill Out Form"],
    window: { last: { amount: 30, unit: "days" } },
    countDistinct: "people",
    count: { op: "gte", value: 3 },
  },
};
const visitor: Audience = {
  id: "visitor",
  name: "Visited in 7 days",
  version: 1,
  type: "person",
  condition: { kind: "event", types: ["Visit Webpage"], window: { last: { amount: 7, unit: "days" } } },
};

const visit = (id: string, personId: string, hoursFromStart: number) => ({
  kind: "event" as const,
  record: { id, type: "Visit Webpage", occurredAt: at(hoursFromStart), personId },
});

/** Acme with four people, two of whom visited in the last 30 days. */
function seed() {
  return buildSnapshot(
    {
      accounts: [
        { id: "acme", name: "Acme" },
        { id: "beta", name: "Beta" },
      ],
      persons: ["p1", "p2", "p3", "p4", "q1"].map((id) => ({ id })),
      links: [
        { accountId: "acme", personId: "p1" },
        { accountId: "acme", personId: "p2" },
        { accountId: "acme", personId: "p3" },
        { accountId: "acme", personId: "p4" },
        { accountId: "beta", personId: "q1" },
      ],
      events: [
        { id: "e1", type: "Visit Webpage", occurredAt: at(-20 * 24), personId: "p1" },
        { id: "e2", type: "Fill Out Form", occurredAt: at(-2 * 24), personId: "p2" },
      ],
    },
    { asOf: START },
  );
}

function record(evaluator: ReturnType<typeof createStreamingEvaluator>) {
  const log: string[] = [];
  const deltas: MembershipDelta[] = [];
  const note = (verb: string) => (c: MembershipChange) => log.push(`${verb} ${c.audienceId} ${c.memberId} ${c.cause} ${c.at}`);
  evaluator.on("entered", note("entered"));
  evaluator.on("exited", note("exited"));
  evaluator.on("delta", (d) => deltas.push(d));
  return { log, deltas };
}

describe("streaming evaluator", () => {
  it("an account enters when a third person engages, and exits when the first engagement leaves the window", () => {
    const evaluator = createStreamingEvaluator(seed(), [engaged, visitor], { now: START });
    const { log, deltas } = record(evaluator);
    expect(evaluator.members("engaged")).toEqual([]);
    const outcome = evaluator.apply(visit("e3", "p3", -1));
    expect(outcome).toMatchObject({ status: "applied", entered: 2 });
    // audiences report in the order given (after the audiences they reference)
    expect(log).toEqual([`entered engaged acme change ${START}`, `entered visitor p3 change ${START}`]);
    expect(deltas.map((d) => [d.audienceId, d.entered, d.exited])).toEqual([
      ["engaged", ["acme"], []],
      ["visitor", ["p3"], []],
    ]);
    expect(evaluator.members("engaged")).toEqual(["acme"]);
    // e1 (20 days ago) leaves the 30-day window 10 days (and 1 ms) later
    evaluator.advanceTo(START_MS + 10 * DAY);
    expect(evaluator.members("engaged")).toEqual(["acme"]);
    const later = new Date(START_MS + 10 * DAY + 1).toISOString();
    evaluator.advanceTo(later);
    expect(evaluator.members("engaged")).toEqual([]);
    expect(log.slice(2)).toEqual([`exited visitor p3 time ${new Date(START_MS + 10 * DAY).toISOString()}`, `exited engaged acme time ${later}`]);
  });

  it("a duplicate event id changes nothing", () => {
    const evaluator = createStreamingEvaluator(seed(), [engaged, visitor], { now: START });
    const { log } = record(evaluator);
    expect(evaluator.apply(visit("e2", "p3", -1))).toMatchObject({ status: "duplicate", entered: 0, reevaluated: 0 });
    expect(evaluator.apply(visit("e3", "p3", -1)).status).toBe("applied");
    expect(evaluator.apply(visit("e3", "p4", -1)).status).toBe("duplicate");
    expect(evaluator.members("visitor")).toEqual(["p3"]);
    expect(log).toEqual([`entered engaged acme change ${START}`, `entered visitor p3 change ${START}`]);
  });

  it("places late and future events by their time", () => {
    const evaluator = createStreamingEvaluator(seed(), [engaged, visitor], { now: START });
    // too late to count: 40 days ago
    evaluator.apply(visit("old", "p3", -40 * 24));
    expect(evaluator.members("visitor")).toEqual([]);
    // out of order but inside the window
    evaluator.apply(visit("late", "p4", -3 * 24));
    expect(evaluator.members("visitor")).toEqual(["p4"]);
    // a future event counts once time reaches it
    evaluator.apply(visit("future", "q1", 5));
    expect(evaluator.members("visitor")).toEqual(["p4"]);
    evaluator.advanceTo(at(5));
    expect(evaluator.members("visitor")).toEqual(["p4", "q1"]);
  });

  it("follows link changes: removing a person takes their engagement away from the account", () => {
    const evaluator = createStreamingEvaluator(seed(), [engaged], { now: START });
    evaluator.apply(visit("e3", "q1", -1));
    expect(evaluator.members("engaged")).toEqual([]);
    evaluator.apply({ kind: "link", record: { accountId: "acme", personId: "q1" } });
    expect(evaluator.members("engaged")).toEqual(["acme"]);
    evaluator.apply({ kind: "link", record: { accountId: "acme", personId: "q1", isActive: false } });
    expect(evaluator.members("engaged")).toEqual([]);
    evaluator.apply({ kind: "link", record: { accountId: "acme", personId: "q1" } });
    expect(evaluator.apply({ kind: "unlink", accountId: "acme", personId: "p2" })).toMatchObject({ status: "applied", exited: 1 });
    expect(evaluator.members("engaged")).toEqual([]);
  });

  it("a late event that leaves the window first brings the account's re-check forward", () => {
    const evaluator = createStreamingEvaluator(seed(), [engaged], { now: START });
    // p1 (20 days ago) and p2 (2 days ago) count; p3's visit 25 days ago makes three, and leaves the window first
    evaluator.apply(visit("e3", "p3", -25 * 24));
    expect(evaluator.members("engaged")).toEqual(["acme"]);
    evaluator.advanceTo(at(4 * 24));
    expect(evaluator.members("engaged")).toEqual(["acme"]);
    expect(evaluator.advanceTo(at(6 * 24))).toMatchObject({ exited: 1 });
    expect(evaluator.members("engaged")).toEqual([]);
  });

  it("a person's events after a new link count for the new account", () => {
    const evaluator = createStreamingEvaluator(seed(), [engaged], { now: START });
    // q1's first visit is older than the window: it counts nowhere
    evaluator.apply(visit("e3", "q1", -40 * 24));
    evaluator.apply({ kind: "link", record: { accountId: "acme", personId: "q1" } });
    expect(evaluator.members("engaged")).toEqual([]);
    expect(evaluator.apply(visit("e4", "q1", -1))).toMatchObject({ status: "applied", entered: 1 });
    expect(evaluator.members("engaged")).toEqual(["acme"]);
  });

  it("rejects bad changes with paths and counts them; nothing changes", () => {
    const evaluator = createStreamingEvaluator(seed(), [engaged, visitor], { now: START });
    // changes from untyped data (parsed JSON): checked at run time
    const untyped: unknown[] = [
      { kind: "event", record: { id: "x1", type: "Visit Webpage", personId: "p3" } },
      visit("x2", "nobody", -1),
      { kind: "teleport" },
      { kind: "person", record: { id: "p9", email: 42 } },
      visit("x3", "p3", -1),
      visit("x3", "p3", -1),
    ];
    const counts = evaluator.applyAll(untyped as never);
    expect(counts).toMatchObject({ read: 6, applied: 1, duplicates: 1, rejected: 4 });
    const paths = counts.problems.map((p) => p.path);
    expect(paths).toContainEqual([0, "record", "occurredAt"]);
    expect(paths).toContainEqual([1, "record", "personId"]);
    expect(paths).toContainEqual([3, "record", "email"]);
    expect(paths.some((p) => p[0] === 2)).toBe(true);
    expect(evaluator.members("visitor")).toEqual(["p3"]);
    // a rejected event does not keep its id: sent again with a known owner (or valid properties), it applies
    expect(evaluator.apply(visit("x2", "p4", -1)).status).toBe("applied");
    expect(
      evaluator.apply({ kind: "event", record: { id: "x4", type: "Visit Webpage", occurredAt: at(-1), personId: "p1", properties: { webpage: 1 } } }).status,
    ).toBe("applied");
    expect(
      evaluator.apply({ kind: "event", record: { id: "x5", type: "Visit Webpage", occurredAt: at(-1), personId: "p1", properties: { webpage: "/x" } } }).status,
    ).toBe("rejected");
    expect(
      evaluator.apply({ kind: "event", record: { id: "x5", type: "Visit Webpage", occurredAt: at(-1), personId: "p1", properties: { webpage: 2 } } }).status,
    ).toBe("applied");
    expect(evaluator.members("visitor")).toEqual(["p1", "p3", "p4"]);
  });

  it("time never goes backwards", () => {
    const evaluator = createStreamingEvaluator(seed(), [visitor], { now: START });
    evaluator.advanceTo(at(2));
    const error = (() => {
      try {
        evaluator.advanceTo(at(1));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AbmKitError);
    expect((error as AbmKitError).code).toBe("TIME_WENT_BACKWARDS");
    expect(evaluator.now).toBe(at(2));
  });

  it("refuses batch-only audiences and unknown references, naming them", () => {
    const allTime: Audience = { ...visitor, id: "all-time", condition: { kind: "event", types: ["Visit Webpage"], window: { to: "now" } } };
    expect(() => createStreamingEvaluator(seed(), [allTime], { now: START })).toThrow(
      expect.objectContaining({ code: "AUDIENCE_NOT_STREAMABLE", problems: [expect.objectContaining({ path: ["audiences", 0, "condition", "window"] })] }),
    );
    const ref: Audience = { ...visitor, id: "ref", condition: { kind: "inAudience", audienceId: "missing" } };
    expect(() => createStreamingEvaluator(seed(), [ref], { now: START })).toThrow(expect.objectContaining({ code: "UNKNOWN_AUDIENCE_REFERENCE" }));
    expect(() => createStreamingEvaluator(seed(), [visitor], { now: START }).members("nope")).toThrow(expect.objectContaining({ code: "UNKNOWN_AUDIENCE" }));
  });

  it("re-evaluates only the members a change touches, whatever the data size", () => {
    const sized = (accounts: number) => {
      const ids = Array.from({ length: accounts }, (_, i) => `a${String(i).padStart(5, "0")}`);
      const snapshot = buildSnapshot(
        {
          accounts: ids.map((id) => ({ id })),
          persons: ids.flatMap((id) => [1, 2, 3].map((k) => ({ id: `${id}-p${k}` }))),
          links: ids.flatMap((id) => [1, 2, 3].map((k) => ({ accountId: id, personId: `${id}-p${k}` }))),
        },
        { asOf: START },
      );
      const evaluator = createStreamingEvaluator(snapshot, [engaged, visitor], { now: START });
      return evaluator.apply(visit("new", `${ids[0]}-p2`, -1)).reevaluated;
    };
    // the person (visitor) and their one account (engaged)
    expect(sized(10)).toBe(2);
    expect(sized(2000)).toBe(2);
  });
});

describe("streaming evaluator: events at the same instant", () => {
  const formThenVisit: Audience = {
    id: "form-then-visit",
    name: "Form, then a visit within a day",
    version: 1,
    type: "person",
    condition: {
      kind: "sequence",
      steps: [{ types: ["Fill Out Form"] }, { types: ["Visit Webpage"] }],
      within: { amount: 1, unit: "days" },
      window: { last: { amount: 30, unit: "days" } },
    },
  };
  const atSameTime = at(-5);
  const seedEvents = [
    { id: "e5", type: "Fill Out Form", occurredAt: atSameTime, personId: "p1" },
    { id: "e1", type: "Open Email", occurredAt: at(-50), personId: "p1" },
  ];
  const snapshotOf = (events: object[]) => buildSnapshot({ persons: [{ id: "p1" }], events: events as never }, { asOf: START });

  // ties are ordered by event id, whether the events came with the Snapshot or later, before or after a merged read
  for (const [label, added] of [
    ["a visit with a smaller id comes first: no sequence", [{ id: "e3", type: "Visit Webpage", occurredAt: atSameTime, personId: "p1" }]],
    ["a visit with a larger id comes after the form", [{ id: "e7", type: "Visit Webpage", occurredAt: atSameTime, personId: "p1" }]],
    [
      "added events on both sides of a Snapshot event",
      [
        { id: "e9", type: "Visit Webpage", occurredAt: atSameTime, personId: "p1" },
        { id: "e2", type: "Fill Out Form", occurredAt: atSameTime, personId: "p1" },
        { id: "e4", type: "Visit Webpage", occurredAt: at(-1), personId: "p1" },
      ],
    ],
  ] as const) {
    it(label, () => {
      const evaluator = createStreamingEvaluator(snapshotOf(seedEvents), [formThenVisit], { now: START });
      const applied: object[] = [];
      for (const record of added) {
        expect(evaluator.apply({ kind: "event", record }).status).toBe("applied");
        applied.push(record);
        const batch = evaluateAll([formThenVisit], snapshotOf([...seedEvents, ...applied]), { now: START });
        expect(evaluator.members("form-then-visit")).toEqual(batch[0]!.memberIds);
      }
    });
  }

  it("tells the two orders apart", () => {
    const member = (id: string) =>
      evaluateAll([formThenVisit], snapshotOf([...seedEvents, { id, type: "Visit Webpage", occurredAt: atSameTime, personId: "p1" }]), { now: START })[0]!
        .memberIds;
    expect(member("e3")).toEqual([]);
    expect(member("e7")).toEqual(["p1"]);
  });
});
