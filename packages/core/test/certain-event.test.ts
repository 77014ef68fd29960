import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ActivityEventSchema } from "@abm-kit/core";
import { isCertainlyValidEvent } from "../src/snapshot/certain-event.js";

// The shortcut is internal: it is tested here against the schema it stands in for.
const digits = (n: number) => fc.array(fc.constantFrom(..."0123456789"), { minLength: n, maxLength: n }).map((d) => d.join(""));
const instantLike = fc.oneof(
  fc.date({ min: new Date(-1e13), max: new Date(4e12), noInvalidDate: true }).map((d) => d.toISOString()),
  fc
    .tuple(
      digits(4),
      digits(2),
      digits(2),
      digits(2),
      digits(2),
      digits(2),
      fc.constantFrom("", ".5", ".123456789", ".1234567890"),
      fc.constantFrom("Z", "+00:00", "-05:30", "+24:00", "+0000", "", "z"),
    )
    .map(([y, mo, d, h, mi, s, frac, zone]) => `${y}-${mo}-${d}T${h}:${mi}:${s}${frac}${zone}`),
  fc.string(),
);
const scalar = fc.oneof(fc.string(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.array(fc.string(), { maxLength: 2 }));
const eventLike = fc.record(
  {
    id: fc.oneof(fc.string(), fc.integer()),
    type: fc.oneof(fc.string(), fc.constant(undefined)),
    occurredAt: instantLike,
    personId: fc.oneof(fc.string({ maxLength: 3 }), fc.constant(undefined), fc.constant("x".repeat(1025))),
    accountId: fc.oneof(fc.constant(undefined), fc.string({ maxLength: 3 })),
    properties: fc.oneof(fc.constant(undefined), fc.dictionary(fc.string({ maxLength: 3 }), scalar, { maxKeys: 3 }), fc.constant([]), fc.constant("x")),
    sourceKeys: fc.oneof(fc.constant(undefined), fc.constant([{ system: "s", id: "1" }])),
  },
  { requiredKeys: [] },
);

describe("the event validation shortcut", () => {
  it("never accepts an event the schema would reject or change", () => {
    fc.assert(
      fc.property(eventLike, (event) => {
        if (!isCertainlyValidEvent(event)) return;
        const parsed = ActivityEventSchema.safeParse(event);
        expect(parsed.success).toBe(true);
        expect(parsed.data).toEqual(event);
      }),
      { numRuns: 5000 },
    );
  });

  it("accepts the common plain shape", () => {
    const event = {
      id: "e1",
      type: "Visit Webpage",
      occurredAt: "2026-11-18T09:00:00.000Z",
      personId: "p1",
      properties: { webpage: "/pricing", seconds: 12, bounced: false },
    };
    expect(isCertainlyValidEvent(event)).toBe(true);
    expect(isCertainlyValidEvent({ ...event, occurredAt: "2026-02-30T09:00:00Z" })).toBe(false);
    expect(isCertainlyValidEvent({ ...event, accountId: "a1" })).toBe(false);
  });
});
