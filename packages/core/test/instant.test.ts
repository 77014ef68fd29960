import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { instantToEpochMs } from "../src/index.js";

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** Instants in (and around) the plain `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` shape, including out-of-range parts. */
const instantArb = fc
  .record({
    year: fc.integer({ min: 0, max: 9999 }),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.integer({ min: 0, max: 60 }),
    second: fc.integer({ min: 0, max: 60 }),
    fraction: fc.option(fc.stringMatching(/^\d{0,10}$/), { nil: undefined }),
    zone: fc.oneof(fc.constant("Z"), fc.constant(""), fc.constant("z"), fc.tuple(fc.constantFrom("+", "-"), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 })).map(([s, h, m]) => `${s}${pad(h, 2)}:${pad(m, 2)}`)),
  })
  .map((p) => `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}T${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}${p.fraction === undefined ? "" : `.${p.fraction}`}${p.zone}`);

describe("instantToEpochMs", () => {
  it("reads an instant exactly as Date.parse does", () => {
    fc.assert(
      fc.property(fc.oneof(instantArb, fc.string()), (text) => {
        expect(Object.is(instantToEpochMs(text), Date.parse(text))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it("reads offsets, fractions and month ends", () => {
    expect(instantToEpochMs("2026-03-01T09:30:00.000Z")).toBe(Date.UTC(2026, 2, 1, 9, 30));
    expect(instantToEpochMs("2026-03-01T09:30:00+02:00")).toBe(Date.UTC(2026, 2, 1, 7, 30));
    expect(instantToEpochMs("2026-03-01T09:30:00.1239-01:30")).toBe(Date.UTC(2026, 2, 1, 11, 0, 0, 123));
    expect(instantToEpochMs("2026-02-30T00:00:00Z")).toBe(Date.parse("2026-02-30T00:00:00Z"));
    expect(instantToEpochMs("2026-03-01")).toBe(Date.parse("2026-03-01"));
    expect(instantToEpochMs("not a time")).toBeNaN();
  });
});
