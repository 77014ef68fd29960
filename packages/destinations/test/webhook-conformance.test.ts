import { describe, expect, it } from "vitest";
import { assertConformance, runConformanceSuite } from "@abm-kit/destinations/testing";
import { webhookHarness } from "./fixtures/webhook-harness.js";

describe("conformance suite on the example webhook adapter", () => {
  for (const type of ["person", "account"] as const) {
    it(`passes every check for ${type} audiences`, async () => {
      const report = await runConformanceSuite(webhookHarness(type), { faultSchedules: 10, seed: type === "person" ? 3 : 4 });
      expect(report.checks.map((c) => c.name)).toEqual([
        "declaration",
        "dry run sends nothing",
        "full, incremental and idle runs converge",
        "random fault schedules keep exactly the audience",
        "crash and resume loses no one",
        "no secret in reports, events or errors",
      ]);
      assertConformance(report);
      expect(report.passed).toBe(true);
    });
  }
});
