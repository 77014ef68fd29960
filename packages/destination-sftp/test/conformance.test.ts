import { describe, expect, it } from "vitest";
import { assertConformance, runConformanceSuite } from "@abm-kit/destinations/testing";
import { sftpHarness } from "./fixtures/sftp-conformance-harness.js";

describe("conformance suite on the SFTP destination and the loopback SFTP server", () => {
  for (const [type, seed] of [
    ["account", 21],
    ["person", 22],
  ] as const) {
    it(`passes every check for ${type} audiences with 20 random fault schedules (failures, dropped connections and unanswered requests, before and after the server carried them out)`, async () => {
      const readerProblems: string[] = [];
      // Faults are drawn per SFTP request. One file's delivery is ~14 of them (stat, remove the temporary name, open,
      // writes, close, stat, rename, and the read-back), against one request per batch for an HTTP destination:
      // at 4 % a request, about 43 % of file deliveries meet a fault (1 - 0.96^14).
      const report = await runConformanceSuite(sftpHarness(type, readerProblems), { faultSchedules: 20, seed, faultRate: 0.04 });
      expect(report.checks.filter((c) => !c.passed)).toEqual([]);
      assertConformance(report);
      expect(report.checks.find((c) => c.name === "random fault schedules keep exactly the audience")?.passed).toBe(true);
      expect(report.checks.find((c) => c.name === "crash and resume loses no one")?.passed).toBe(true);
      expect(report.checks.find((c) => c.name === "no secret in reports, events, errors, problems or checkpoints")?.passed).toBe(true);
      // a reader that saw a manifest always found every file it lists, intact
      expect(readerProblems).toEqual([]);
    }, 300_000);
  }
});
