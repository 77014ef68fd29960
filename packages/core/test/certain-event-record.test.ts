import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventSourceRecordSchema } from "@abm-kit/core";
import { isCertainlyValidEventRecord } from "../src/identity/certain-event-record.js";

// The shortcut is internal: it is tested here against the schema it stands in for.
const text = fc.oneof(
  { arbitrary: fc.string({ minLength: 1, maxLength: 3 }), weight: 8 },
  { arbitrary: fc.constant(""), weight: 1 },
  { arbitrary: fc.integer(), weight: 1 },
);
const ref = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 4 },
  { arbitrary: fc.record({ namespace: text, value: text }), weight: 4 },
  { arbitrary: fc.record({ namespace: text, value: text }, { requiredKeys: [] }), weight: 1 },
  { arbitrary: fc.record({ namespace: fc.constant("n"), value: fc.constant("v"), extra: fc.constant(1) }), weight: 1 },
);
const key = fc.record(
  { system: text, instance: fc.oneof(fc.constant(undefined), text), object: fc.oneof(fc.constant(undefined), text), id: text },
  { requiredKeys: [] },
);
const recordLike = fc.record(
  {
    event: fc.record(
      {
        id: text,
        type: text,
        occurredAt: fc.oneof(
          fc.constant("2026-11-18T09:00:00.000Z"),
          fc.constant("2026-02-30T09:00:00Z"),
          fc.constant("2026-11-18T09:00:00+01:00"),
          fc.string(),
        ),
        properties: fc.oneof(
          fc.constant(undefined),
          fc.dictionary(fc.string({ maxLength: 2 }), fc.oneof(fc.string(), fc.double(), fc.boolean(), fc.constant(null), fc.constant([1])), { maxKeys: 2 }),
        ),
        sourceKeys: fc.oneof(fc.constant(undefined), fc.array(key, { maxLength: 2 }), fc.constant("x")),
      },
      { requiredKeys: ["id", "type", "occurredAt"] },
    ),
    person: ref,
    account: ref,
    origin: fc.oneof(
      fc.constant(undefined),
      fc.record({ file: fc.oneof(fc.string(), fc.integer()), line: fc.oneof(fc.integer(), fc.double()) }, { requiredKeys: [] }),
    ),
  },
  { requiredKeys: ["event"] },
);

describe("the event-record validation shortcut", () => {
  it("never accepts a record the schema would reject or change", () => {
    let accepted = 0;
    fc.assert(
      fc.property(recordLike, (record) => {
        if (!isCertainlyValidEventRecord(record)) return;
        accepted++;
        const parsed = EventSourceRecordSchema.safeParse(record);
        expect(parsed.success).toBe(true);
        expect(parsed.data).toEqual(record);
      }),
      { numRuns: 5000 },
    );
    // and unknown keys are never accepted (the schema would drop them)
    expect(
      isCertainlyValidEventRecord({ event: { id: "e", type: "t", occurredAt: "2026-11-18T09:00:00.000Z", other: 1 }, person: { namespace: "n", value: "v" } }),
    ).toBe(false);
    expect(
      isCertainlyValidEventRecord({
        event: { id: "e", type: "t", occurredAt: "2026-11-18T09:00:00.000Z" },
        person: { namespace: "n", value: "v" },
        extra: true,
      }),
    ).toBe(false);
    expect(accepted).toBeGreaterThan(0);
  });

  it("accepts a Marketo activity as the reader makes it", () => {
    const record = {
      event: {
        id: "marketo:1",
        type: "Visit Webpage",
        occurredAt: "2026-11-18T09:00:00.000Z",
        properties: { webpage: "/pricing" },
        sourceKeys: [{ system: "marketo", object: "Activity", id: "1" }],
      },
      person: { namespace: "marketo.lead", value: "1001" },
      origin: { file: "activities.csv", line: 2 },
    };
    expect(isCertainlyValidEventRecord(record)).toBe(true);
    expect(isCertainlyValidEventRecord({ ...record, account: { namespace: "domain", value: "x.com" } })).toBe(false);
  });
});
