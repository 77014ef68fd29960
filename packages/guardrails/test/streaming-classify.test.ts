import { describe, expect, it } from "vitest";
import { ValidationError } from "@abm-kit/core";
import { classify } from "../src/index.js";

const account = (condition: unknown, id = "a") => ({ id, name: id, version: 1, type: "account", condition });
const person = (condition: unknown, id = "p") => ({ id, name: id, version: 1, type: "person", condition });
const blocking = (c: ReturnType<typeof classify>) => c.reasons.filter((r) => r.blocking).map((r) => r.code);

describe("classify", () => {
  it("streams attribute-only audiences, with no blocking reason", () => {
    const c = classify(account({ kind: "attribute", field: "industry", op: "eq", value: "Software" }));
    expect(c.mode).toBe("streaming");
    expect(blocking(c)).toEqual([]);
  });

  it("streams an account audience over people's events (three engaged people in 30 days), noting the roll-up", () => {
    const c = classify(
      account({
        kind: "event",
        types: ["Visit Webpage"],
        window: { last: { amount: 30, unit: "days" } },
        countDistinct: "people",
        count: { op: "gte", value: 3 },
      }),
    );
    expect(c.mode).toBe("streaming");
    expect(c.reasons.map((r) => r.code)).toEqual(["account_events", "time_windows"]);
  });

  it("streams bounded sequences, and is batch when the window has no start", () => {
    const steps = [{ types: ["Fill Out Form"] }, { types: ["Visit Webpage"] }];
    expect(classify(person({ kind: "sequence", steps, within: { amount: 7, unit: "days" }, window: { last: { amount: 90, unit: "days" } } })).mode).toBe(
      "streaming",
    );
    const unbounded = classify(person({ kind: "sequence", steps, within: { amount: 7, unit: "days" }, window: { to: "now" } }));
    expect(unbounded.mode).toBe("batch");
    expect(unbounded.reasons.find((r) => r.blocking)).toMatchObject({ code: "unbounded_lookback", path: ["condition", "window"] });
  });

  it("is batch for more than two relationship levels, naming the path", () => {
    const deep = account({
      kind: "related",
      relation: "opportunities",
      quantifier: "some",
      where: {
        kind: "related",
        relation: "opportunityRoles",
        quantifier: "some",
        where: { kind: "related", relation: "person", quantifier: "some", where: { kind: "attribute", field: "title", op: "eq", value: "CMO" } },
      },
    });
    const c = classify(deep);
    expect(c.mode).toBe("batch");
    expect(c.reasons.find((r) => r.blocking)).toMatchObject({ code: "relation_depth", path: ["condition", "where", "where"] });
    // two levels stream
    const two = account({
      kind: "related",
      relation: "people",
      quantifier: "some",
      where: { kind: "event", types: ["Open Email"], window: { last: { amount: 7, unit: "days" } } },
    });
    expect(classify(two).mode).toBe("streaming");
  });

  it("is batch when an event filter compares with now", () => {
    const c = classify(
      person({
        kind: "event",
        types: ["Visit Webpage"],
        window: { last: { amount: 30, unit: "days" } },
        where: { kind: "attribute", field: "occurredAt", op: "gte", value: { ago: { amount: 1, unit: "days" } } },
      }),
    );
    expect(c.mode).toBe("batch");
    expect(blocking(c)).toEqual(["moving_event_filter"]);
  });

  it("follows references: a reference to a batch-only audience is batch", () => {
    const batchOnly = person({ kind: "event", types: ["Open Email"], window: { to: "now" } }, "all-time-openers");
    const referencing = person({ kind: "inAudience", audienceId: "all-time-openers" }, "ref");
    expect(classify(referencing).mode).toBe("streaming");
    expect(classify(referencing).references).toEqual(["all-time-openers"]);
    const c = classify(referencing, { audiences: [batchOnly] });
    expect(c.mode).toBe("batch");
    expect(blocking(c)).toEqual(["batch_reference"]);
  });

  it("rejects an invalid definition with a typed error", () => {
    expect(() => classify({ id: "x", name: "x", version: 1, type: "account", condition: { kind: "nope" } })).toThrow(ValidationError);
  });
});
