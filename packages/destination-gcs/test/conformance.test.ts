import { describe, expect, it } from "vitest";
import { assertConformance, runConformanceSuite } from "@abm-kit/destinations/testing";
import { gcsHarness } from "./fixtures/gcs-conformance-harness.js";

describe("conformance suite on the GCS destination and the local GCS JSON API server", () => {
  for (const [type, seed, resumable] of [
    ["account", 21, false],
    ["person", 22, true],
  ] as const) {
    it(`passes every check for ${type} audiences (${resumable ? "resumable" : "multipart"} uploads) with 20 random fault schedules (429, 5xx, timeouts, resets and unreadable answers before and after apply, expired tokens, token-endpoint faults)`, async () => {
      const readerProblems: string[] = [];
      const report = await runConformanceSuite(gcsHarness(type, readerProblems, resumable), { faultSchedules: 20, seed });
      expect(report.checks.filter((c) => !c.passed)).toEqual([]);
      assertConformance(report);
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
      // a reader that saw a manifest always found every file it lists, intact
      expect(readerProblems).toEqual([]);
      // about 50 s alone; one clean-clone run of the whole suite on 2 busy cores passed 300 s
    }, 600_000);
  }
});
