import { ActivityEventSchema, instantToEpochMs } from "@abm-kit/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { StreamChangeSchema } from "../src/index.js";
import { certainEventRecord } from "../src/streaming/certain-event-change.js";

// The validation shortcut is internal; it is checked here against the two schemas it stands in for.
const digits = (n: number) => fc.array(fc.constantFrom(..."0123456789"), { minLength: n, maxLength: n }).map((d) => d.join(""));
const instantLike = fc.oneof(
  fc.date({ min: new Date(-1e13), max: new Date(4e12), noInvalidDate: true }).map((d) => d.toISOString()),
  fc
    .tuple(
      digits(4),
      fc.constantFrom("00", "01", "02", "04", "12", "13"),
      fc.constantFrom("00", "01", "28", "29", "30", "31", "32"),
      digits(2),
      digits(2),
      digits(2),
      fc.constantFrom("", ".5", ".123456789", ".1234567890"),
      fc.constantFrom("Z", "+00:00", "-05:30", "+24:00", "+0000", "", "z"),
    )
    .map(([y, mo, d, h, mi, s, frac, zone]) => `${y}-${mo}-${d}T${h}:${mi}:${s}${frac}${zone}`),
  fc.string(),
);
const scalar = fc.oneof(
  fc.string(),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.string(), { maxLength: 2 }),
  fc.constant({}),
);
const recordLike = fc.record(
  {
    id: fc.oneof(fc.constantFrom("e1", "", 7), fc.string()),
    type: fc.oneof(fc.constantFrom("Visit Webpage", "", undefined, null), fc.string()),
    occurredAt: instantLike,
    personId: fc.oneof(fc.constantFrom("p1", "", undefined, null, "x".repeat(1025), 3), fc.string({ maxLength: 3 })),
    accountId: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom("a1", "", 4) }),
    properties: fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.dictionary(fc.string({ maxLength: 3 }), scalar, { maxKeys: 3 }),
      fc.constant([]),
      fc.constant("x"),
    ),
    sourceKeys: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom([{ system: "s", id: "1" }], "x") }),
    extra: fc.oneof(fc.constant(undefined), fc.string()),
  },
  { requiredKeys: ["occurredAt"] },
);
const changeLike = fc.oneof(
  { weight: 4, arbitrary: recordLike.map((record) => ({ kind: "event", record }) as Record<string, unknown>) },
  {
    weight: 1,
    arbitrary: fc.record(
      {
        kind: fc.constantFrom("event", "events", "account", undefined),
        record: fc.oneof(recordLike, fc.constant(null), fc.constant([]), fc.string()),
        accountId: fc.oneof(fc.constant(undefined), fc.string()),
      },
      { requiredKeys: [] },
    ),
  },
);

describe("the event-change validation shortcut", () => {
  it("never accepts a change the change and event schemas would reject or change", () => {
    let accepted = 0;
    fc.assert(
      fc.property(changeLike, (change) => {
        const time = { ms: Number.NaN };
        const record = certainEventRecord(change, time);
        if (record === undefined) return;
        accepted++;
        // the moment read on the way is the one the evaluator would otherwise parse
        expect(time.ms).toBe(instantToEpochMs(record.occurredAt));
        const shape = StreamChangeSchema.safeParse(change);
        expect(shape.success).toBe(true);
        const parsed = ActivityEventSchema.safeParse(change.record);
        expect(parsed.success, JSON.stringify(change.record)).toBe(true);
        // the schema strips unknown keys; every field the evaluator reads is the same
        const { extra: _extra, ...known } = change.record as Record<string, unknown>;
        expect(parsed.data).toEqual(known);
      }),
      { numRuns: Number(process.env.STREAMING_PROPERTY_RUNS ?? 3000) * 3 },
    );
    // the property is only worth something if the shortcut does accept some of the drawn changes
    expect(accepted).toBeGreaterThan(0);
  });

  it("accepts the common plain shape and leaves the rest to the schemas", () => {
    const record = {
      id: "e1",
      type: "Visit Webpage",
      occurredAt: "2026-11-18T09:00:00.000Z",
      personId: "p1",
      properties: { webpage: "/pricing", seconds: 12, bounced: false },
    };
    expect(certainEventRecord({ kind: "event", record })).toBe(record);
    expect(certainEventRecord({ kind: "event", record: { ...record, occurredAt: "2026-02-29T09:00:00Z" } })).toBeUndefined();
    expect(certainEventRecord({ kind: "event", record: { ...record, occurredAt: "2028-02-29T09:00:00+01:00" } })).toBeDefined();
    expect(certainEventRecord({ kind: "event", record: { ...record, accountId: "a1" } })).toBeUndefined();
    expect(certainEventRecord({ kind: "event", record, extra: 1 })).toBeUndefined();
    expect(certainEventRecord({ kind: "event", record: { ...record, properties: { tags: ["a"] } } })).toBeUndefined();
  });
});
