import { describe, expect, it } from "vitest";
import { assertConformance, runConformanceSuite } from "@abm-kit/destinations/testing";
import { marketoHarness } from "./helpers/conformance-harness.js";
import { marketoSnapshot } from "./helpers/fixture.js";

// The destinations conformance kit against the fake Marketo behind the fault harness:
// 429s, 5xx, expired tokens, timeouts and connection resets before and after the service applied a request.
describe("conformance suite on the Marketo adapter", () => {
  const snapshot = marketoSnapshot(120);
  for (const [type, seed] of [
    ["person", 21],
    ["account", 22],
  ] as const) {
    it(`passes every check for ${type} audiences over 24 random fault schedules`, async () => {
      const report = await runConformanceSuite(marketoHarness(type, snapshot), { faultSchedules: 24, seed });
      assertConformance(report);
      expect(report.checks).toHaveLength(11);
      const faults = report.checks.find((c) => c.name === "random fault schedules keep exactly the audience")!;
      expect(faults.detail).toMatch(/^24 schedules, [1-9]\d* retries and refreshes$/);
      expect(report.checks.find((c) => c.name === "token endpoint faults during refreshes are survived")!.detail).toMatch(/^[1-9]\d* token-endpoint faults/);
    });
  }
});
