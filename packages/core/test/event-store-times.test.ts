import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventStore } from "../src/identity/event-store.js";

describe("EventStore times", () => {
  it("gives back each event's occurredAt text as it was added, canonical or not", () => {
    const canonical = fc
      .date({ min: new Date("1000-01-01T00:00:00.000Z"), max: new Date("9999-12-31T23:59:59.999Z"), noInvalidDate: true })
      .map((d) => d.toISOString());
    const other = fc.oneof(
      canonical.map((t) => t.replace("Z", "+00:00")),
      canonical.map((t) => t.replace(".000Z", "Z").replace(/\.\d{3}Z$/, "Z")),
      canonical.map((t) => t.replace(/\.(\d{3})Z$/, ".$1000Z")),
      fc.constantFrom("0999-12-31T23:59:59.999Z", "2026-01-01T24:00:00.000Z", "2026-03-01T09:30:00.000+01:00"),
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(canonical, other), { minLength: 1, maxLength: 50 }), (times) => {
        const store = new EventStore();
        times.forEach((occurredAt, i) => store.add({ event: { id: `e${i}`, type: "t", occurredAt }, person: { namespace: "n", value: "v" } }));
        times.forEach((occurredAt, i) => {
          expect(store.occurredAtOf(i)).toBe(occurredAt);
          expect(store.record(i).event.occurredAt).toBe(occurredAt);
        });
      }),
    );
  });
});
