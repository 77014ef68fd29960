import { describe, expect, it } from "vitest";
import { buildSnapshot } from "@abm-kit/core";
import { evaluate, type Condition } from "../src/index.js";
import { NOW, accountAudience, daysAgo, fixtureSnapshot, personAudience } from "./fixtures.js";

const snapshot = fixtureSnapshot();
const accounts = (condition: Condition, now = NOW) => evaluate(accountAudience(condition), snapshot, { now }).memberIds;
const persons = (condition: Condition, now = NOW) => evaluate(personAudience(condition), snapshot, { now }).memberIds;
const visits = (rest: Record<string, unknown> = {}): Condition =>
  ({ kind: "event", types: ["Visit Webpage"], window: { last: { amount: 30, unit: "days" } }, ...rest }) as Condition;

// Visit Webpage: P1 at now−30d (E1) and now+1.2h (E2, after now); P2 now−2d; P4 now−1d; P3 exactly at now (E8)
describe("event windows", () => {
  it("both window ends are inclusive and events after now are ignored", () => {
    expect(persons(visits())).toEqual(["P1", "P2", "P3", "P4"]);
    expect(persons(visits({ count: { op: "eq", value: 1 } }))).toEqual(["P1", "P2", "P3", "P4"]);
    expect(persons(visits({ window: { last: { amount: 29, unit: "days" } } }))).toEqual(["P2", "P3", "P4"]);
    // one millisecond later, E1 falls out of the window
    expect(persons(visits(), new Date(Date.parse(NOW) + 1).toISOString())).toEqual(["P2", "P3", "P4"]);
  });
  it("a window that ends in the future is still cut at now", () => {
    expect(persons(visits({ window: { from: "now", to: { ahead: { amount: 1, unit: "days" } } } }))).toEqual(["P3"]);
  });
  it("property conditions in where", () => {
    expect(persons(visits({ where: { kind: "attribute", field: "webpage", op: "eq", value: "/pricing" } }))).toEqual(["P1", "P3", "P4"]);
    expect(
      persons({
        kind: "event",
        types: ["Fill Out Form"],
        where: { kind: "attribute", field: "form", op: "contains", value: "Demo" },
        window: { last: { amount: 7, unit: "days" } },
      }),
    ).toEqual(["P2"]);
  });
  it("a count comparator of zero selects people without events", () => {
    expect(persons(visits({ count: { op: "eq", value: 0 } }))).toEqual([]);
    expect(persons({ kind: "event", types: ["Open Email"], window: { last: { amount: 30, unit: "days" } }, count: { op: "eq", value: 0 } })).toEqual([
      "P1",
      "P2",
      "P3",
      "P4",
    ]);
  });
});

describe("account-level event counts", () => {
  it("counts events of the account's people (each person once) plus the account's own", () => {
    expect(accounts(visits({ count: { op: "gte", value: 2 } }))).toEqual(["A1", "A2"]);
    // A3's only person has an inactive link, so P4's visit does not count for A3
    expect(accounts(visits())).toEqual(["A1", "A2"]);
    expect(
      accounts({ kind: "event", types: ["Intent Surge", "Visit Webpage"], window: { last: { amount: 7, unit: "days" } }, count: { op: "gte", value: 2 } }),
    ).toEqual(["A2"]);
  });
  it("owner narrows to the people's or the account's own events", () => {
    const surge = (owner: string): Condition => ({ kind: "event", types: ["Intent Surge"], window: { last: { amount: 7, unit: "days" } }, owner }) as Condition;
    expect(accounts(surge("account"))).toEqual(["A2"]);
    expect(accounts(surge("person"))).toEqual([]);
    expect(accounts(surge("any"))).toEqual(["A2"]);
  });
  it("counts distinct people; a person shared by two accounts counts once in each", () => {
    const shared = buildSnapshot(
      {
        accounts: [{ id: "X" }, { id: "Y" }],
        persons: [{ id: "p" }, { id: "q" }],
        links: [
          { accountId: "X", personId: "p" },
          { accountId: "Y", personId: "p" },
          { accountId: "X", personId: "p", roles: ["again"] },
          { accountId: "X", personId: "q" },
        ],
        events: [1, 2, 3]
          .map((d) => ({ id: `e${d}`, type: "Visit Webpage", occurredAt: daysAgo(d), personId: "p" }))
          .concat([{ id: "q1", type: "Visit Webpage", occurredAt: daysAgo(1), personId: "q" }]),
      },
      { asOf: NOW },
    );
    const run = (c: Condition) => evaluate(accountAudience(c), shared, { now: NOW }).memberIds;
    expect(run(visits({ count: { op: "eq", value: 4 } }))).toEqual(["X"]);
    expect(run(visits({ count: { op: "eq", value: 3 } }))).toEqual(["Y"]);
    expect(run(visits({ countDistinct: "people", count: { op: "eq", value: 2 } }))).toEqual(["X"]);
    expect(run(visits({ countDistinct: "people", count: { op: "eq", value: 1 } }))).toEqual(["Y"]);
  });
});

describe("ordered sequences", () => {
  const seq = (rest: Record<string, unknown>): Condition =>
    ({
      kind: "sequence",
      steps: [{ types: ["Fill Out Form"] }, { types: ["Visit Webpage"] }],
      within: { amount: 7, unit: "days" },
      window: { last: { amount: 90, unit: "days" } },
      ...rest,
    }) as Condition;
  it("A then B within N, same person", () => {
    expect(persons(seq({}))).toEqual(["P2"]); // form at −5d, visit at −2d
    expect(persons(seq({ within: { amount: 2, unit: "days" } }))).toEqual([]);
    expect(persons(seq({ steps: [{ types: ["Visit Webpage"] }, { types: ["Fill Out Form"] }] }))).toEqual([]);
    expect(accounts(seq({}))).toEqual(["A1"]);
  });
  it("a step cannot reuse the event of the previous step", () => {
    expect(persons(seq({ steps: [{ types: ["Visit Webpage"] }, { types: ["Visit Webpage"] }], within: { amount: 60, unit: "days" } }))).toEqual([]);
  });
  it("at account level, any people of the account when samePerson is false", () => {
    // A2: P3 opens an email at −31d, then the account surges at −3d; P1 visits at −30d
    const cross = seq({ steps: [{ types: ["Open Email"] }, { types: ["Intent Surge"] }], within: { amount: 30, unit: "days" } });
    expect(accounts(cross)).toEqual([]);
    expect(accounts({ ...(cross as object), samePerson: false } as Condition)).toEqual(["A2"]);
    const emailThenVisit = seq({ steps: [{ types: ["Open Email"] }, { types: ["Visit Webpage"] }], within: { amount: 2, unit: "days" }, samePerson: false });
    expect(accounts(emailThenVisit)).toEqual(["A2"]); // P3 at −31d, P1 at −30d
  });
});
