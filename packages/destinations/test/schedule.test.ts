import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { isDue, nextRun } from "@abm-kit/destinations";

describe("nextRun", () => {
  it("daily at a UTC time: later today, else tomorrow; strictly after the last run", () => {
    const daily = { kind: "daily" as const, at: "06:30" };
    expect(nextRun(daily, null, { now: "2026-11-20T05:00:00.000Z" })).toBe("2026-11-20T06:30:00.000Z");
    expect(nextRun(daily, null, { now: "2026-11-20T06:30:00.000Z" })).toBe("2026-11-20T06:30:00.000Z");
    expect(nextRun(daily, null, { now: "2026-11-20T07:00:00.000Z" })).toBe("2026-11-21T06:30:00.000Z");
    expect(nextRun(daily, "2026-11-20T06:30:00.000Z")).toBe("2026-11-21T06:30:00.000Z");
    expect(nextRun(daily, "2026-12-31T23:59:00.000Z")).toBe("2027-01-01T06:30:00.000Z");
  });

  it("every N hours from an anchor", () => {
    const every = { kind: "everyHours" as const, hours: 6, startAt: "2026-11-20T00:00:00.000Z" };
    expect(nextRun(every, null)).toBe("2026-11-20T00:00:00.000Z");
    expect(nextRun(every, "2026-11-20T00:00:00.000Z")).toBe("2026-11-20T06:00:00.000Z");
    expect(nextRun(every, "2026-11-20T13:10:00.000Z")).toBe("2026-11-20T18:00:00.000Z");
  });

  it("after evaluation: only when an evaluation came after the last run", () => {
    const after = { kind: "afterEvaluation" as const };
    expect(nextRun(after, "2026-11-20T10:00:00.000Z", { evaluatedAt: "2026-11-20T11:00:00.000Z" })).toBe("2026-11-20T11:00:00.000Z");
    expect(nextRun(after, "2026-11-20T12:00:00.000Z", { evaluatedAt: "2026-11-20T11:00:00.000Z" })).toBeNull();
    expect(nextRun(after, null)).toBeNull();
  });

  it("once: due now, then never", () => {
    expect(nextRun({ kind: "once" }, null, { now: "2026-11-20T10:00:00.000Z" })).toBe("2026-11-20T10:00:00.000Z");
    expect(nextRun({ kind: "once" }, "2026-11-20T10:00:00.000Z", { now: "2026-11-21T10:00:00.000Z" })).toBeNull();
  });

  it("is pure and always moves forward, within one period (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 1, max: 48 }),
        (lastMs, h, m, hours) => {
          const last = new Date(lastMs).toISOString();
          const at = `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
          const daily = nextRun({ kind: "daily", at }, last)!;
          expect(nextRun({ kind: "daily", at }, last)).toBe(daily);
          expect(Date.parse(daily) - lastMs).toBeGreaterThan(0);
          expect(Date.parse(daily) - lastMs).toBeLessThanOrEqual(86_400_000);
          expect(daily.slice(11, 16)).toBe(at);
          const every = nextRun({ kind: "everyHours", hours, startAt: "2019-06-01T00:00:00.000Z" }, last)!;
          expect(Date.parse(every) - lastMs).toBeGreaterThan(0);
          expect(Date.parse(every) - lastMs).toBeLessThanOrEqual(hours * 3_600_000);
        },
      ),
    );
  });

  it("isDue compares the next run to now; bad input is a typed error", () => {
    expect(isDue({ kind: "daily", at: "06:30" }, "2026-11-20T06:30:00.000Z", "2026-11-21T06:29:59.000Z")).toBe(false);
    expect(isDue({ kind: "daily", at: "06:30" }, "2026-11-20T06:30:00.000Z", "2026-11-21T06:30:00.000Z")).toBe(true);
    expect(() => nextRun({ kind: "daily", at: "25:00" }, null, { now: "2026-11-20T00:00:00.000Z" })).toThrow(
      expect.objectContaining({ code: "VALIDATION_FAILED" }),
    );
    expect(() => nextRun({ kind: "daily", at: "06:00" }, "yesterday")).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED" }));
  });
});
