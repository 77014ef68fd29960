import { describe, expect, it } from "vitest";
import { assertConformance, runConformanceSuite } from "@abm-kit/destinations/testing";
import { linkedInHarness } from "./helpers/conformance-harness.js";
import { linkedInSnapshot } from "./helpers/fixture.js";

// The destinations conformance kit against the fake LinkedIn behind the fault harness:
// 429s, 5xx, expired tokens, timeouts and connection resets before and after the service applied a request.
describe("conformance suite on the LinkedIn adapter", () => {
  const snapshot = linkedInSnapshot(120);
  for (const [type, seed] of [
    ["account", 11],
    ["person", 12],
  ] as const) {
    it(`passes every check for ${type} audiences over 24 random fault schedules`, async () => {
      const report = await runConformanceSuite(linkedInHarness(type, snapshot), { faultSchedules: 24, seed });
      expect(report.checks.map((c) => c.name)).toEqual([
        "declaration",
        "secret settings are marked secret()",
        "dry run sends nothing",
        "full, incremental and idle runs converge",
        "members who leave and come back are applied again",
        "random fault schedules keep exactly the audience",
        "token endpoint faults during refreshes are survived",
        "crash and resume loses no one",
        "secrets echoed by the service are redacted",
        "idempotency keys name one application each",
        "no secret in reports, events, errors, problems or checkpoints",
      ]);
      assertConformance(report);
      const faults = report.checks.find((c) => c.name === "random fault schedules keep exactly the audience")!;
      expect(faults.detail).toMatch(/^24 schedules, [1-9]\d* retries and refreshes$/);
    });
  }
});
