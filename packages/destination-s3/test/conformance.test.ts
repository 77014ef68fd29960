import { describe, expect, it } from "vitest";
import { assertConformance, runConformanceSuite } from "@abm-kit/destinations/testing";
import { s3Harness } from "./fixtures/s3-conformance-harness.js";

describe("conformance suite on the S3 destination and the local S3-protocol server", () => {
  for (const [type, seed] of [
    ["account", 11],
    ["person", 12],
  ] as const) {
    it(`passes every check for ${type} audiences with 20 random fault schedules (SlowDown, 5xx, timeouts, resets and unreadable answers before and after apply, expired tokens)`, async () => {
      const readerProblems: string[] = [];
      const report = await runConformanceSuite(s3Harness(type, readerProblems), { faultSchedules: 20, seed });
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
    }, 300_000);
  }
});
