import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calendarInstantToEpochMs, instantToEpochMs } from "../src/index.js";

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
    zone: fc.oneof(
      fc.constant("Z"),
      fc.constant(""),
      fc.constant("z"),
      fc.tuple(fc.constantFrom("+", "-"), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 })).map(([s, h, m]) => `${s}${pad(h, 2)}:${pad(m, 2)}`),
    ),
  })
  .map(
    (p) =>
      `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}T${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}${p.fraction === undefined ? "" : `.${p.fraction}`}${p.zone}`,
  );

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

/** Whether `text` is the plain shape with in-range parts and a day of the calendar (checked through `Date` itself). */
function isPlainCalendarInstant(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,9})?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/.exec(text);
  if (m === null || Number(m[1]) < 100) return false;
  const day = new Date(Date.UTC(2000, Number(m[2]) - 1, Number(m[3])));
  day.setUTCFullYear(Number(m[1]));
  return day.getUTCMonth() === Number(m[2]) - 1 && day.getUTCDate() === Number(m[3]);
}

describe("calendarInstantToEpochMs", () => {
  it("reads a plain instant on a calendar day as Date.parse does, and gives NaN for anything else", () => {
    fc.assert(
      fc.property(fc.oneof(instantArb, fc.string()), (text) => {
        const ms = calendarInstantToEpochMs(text);
        if (isPlainCalendarInstant(text)) expect(ms).toBe(Date.parse(text));
        else expect(ms).toBeNaN();
      }),
      { numRuns: 20_000 },
    );
  });

  it("tells leap days and month ends apart", () => {
    expect(calendarInstantToEpochMs("2024-02-29T00:00:00Z")).toBe(Date.UTC(2024, 1, 29));
    expect(calendarInstantToEpochMs("2026-02-29T00:00:00Z")).toBeNaN();
    expect(calendarInstantToEpochMs("2000-02-29T23:59:59.999+01:00")).toBe(Date.UTC(2000, 1, 29, 22, 59, 59, 999));
    expect(calendarInstantToEpochMs("1900-02-29T00:00:00Z")).toBeNaN();
    expect(calendarInstantToEpochMs("2026-04-31T00:00:00Z")).toBeNaN();
    expect(calendarInstantToEpochMs("2026-12-31T00:00:00-00:30")).toBe(Date.UTC(2026, 11, 31, 0, 30));
    expect(calendarInstantToEpochMs("1969-12-31T23:59:59Z")).toBe(-1000);
    expect(calendarInstantToEpochMs("2026-03-01")).toBeNaN();
  });
});
