import { describe, expect, it } from "vitest";
import { assertConformance, runConformanceSuite } from "@abm-kit/destinations/testing";
import { salesforceHarness, type HarnessVariant } from "./helpers/conformance-harness.js";
import { salesforceSnapshot } from "./helpers/fixture.js";

// The destinations conformance kit against the fake Salesforce behind the fault harness:
// 429s, 5xx, expired sessions, timeouts and connection resets before and after the org applied a request,
// on the sObject Collections path and on the Bulk API 2.0 path.
describe("conformance suite on the Salesforce adapter", () => {
  const SIZE = 60;
  const snapshot = salesforceSnapshot(SIZE);
  const cases: [string, "account" | "person", HarnessVariant, number][] = [
    ["campaign members, sObject Collections, client credentials", "person", { path: "collections", flow: "clientCredentials" }, 21],
    ["Account names field, sObject Collections, JWT bearer", "account", { path: "collections", flow: "jwtBearer" }, 22],
    ["campaign members, Bulk API 2.0, refresh token", "person", { path: "bulk", flow: "refreshToken" }, 23],
    ["Account names field, Bulk API 2.0, client credentials", "account", { path: "bulk", flow: "clientCredentials" }, 24],
  ];
  for (const [name, type, variant, seed] of cases) {
    it(`passes every check for ${name} over 20 random fault schedules`, async () => {
      const report = await runConformanceSuite(salesforceHarness(type, snapshot, SIZE, variant), { faultSchedules: 20, seed });
      assertConformance(report);
      const faults = report.checks.find((c) => c.name === "random fault schedules keep exactly the audience")!;
      expect(faults.detail).toMatch(/^20 schedules, [1-9]\d* retries and refreshes$/);
      expect(report.checks).toHaveLength(11);
    }, 240_000);
  }
});
