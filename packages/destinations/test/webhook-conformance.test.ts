import { describe, expect, it } from "vitest";
import { assertConformance, runConformanceSuite } from "@abm-kit/destinations/testing";
import { webhookHarness } from "./fixtures/webhook-harness.js";

describe("conformance suite on the example webhook adapter", () => {
  for (const type of ["person", "account"] as const) {
    it(`passes every check for ${type} audiences`, async () => {
      const report = await runConformanceSuite(webhookHarness(type), { faultSchedules: 10, seed: type === "person" ? 3 : 4 });
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
      expect(report.passed).toBe(true);
    });
  }
});
