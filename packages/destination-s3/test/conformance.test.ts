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
      assertConformance(report);
      expect(report.checks.map((c) => c.name)).toEqual([
        "declaration",
        "dry run sends nothing",
        "full, incremental and idle runs converge",
        "random fault schedules keep exactly the audience",
        "crash and resume loses no one",
        "no secret in reports, events or errors",
      ]);
      // a reader that saw a manifest always found every file it lists, intact
      expect(readerProblems).toEqual([]);
    }, 300_000);
  }
});
