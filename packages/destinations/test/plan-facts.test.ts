import { describe, expect, it } from "vitest";
import { validatePlan } from "@abm-kit/guardrails";
import { localFolderDestination, planFacts } from "@abm-kit/destinations";
import { memoryDestination, MemoryService, API_KEY } from "./fixtures/memory-destination.js";

describe("planFacts feeds guardrails' validatePlan", () => {
  it("carries limits, distinct audience sizes, mapped attribute count and the file row limit", () => {
    const facts = planFacts(
      {
        id: "p",
        destination: { id: "local-folder", settings: { path: "out", maxRowsPerFile: 1000 } },
        audiences: [{ audienceId: "a" }],
        mapping: {
          account: [
            { source: "account.name", target: "name" },
            { source: "account.domain", target: "domain" },
            { source: "account.domain", target: "domain" },
          ],
        },
      },
      localFolderDestination,
      [{ audienceId: "a", type: "account", memberIds: ["x", "y", "x"] }],
    );
    expect(facts).toEqual({
      destinationId: "local-folder",
      limits: {},
      destinationAudienceTypes: ["account", "person"],
      audiences: [{ audienceId: "a", type: "account", size: 2 }],
      mappedAttributeCount: 2,
      exportFileRowLimit: 1000,
    });
    expect(validatePlan(facts, { profile: "relaxed" }).filter((f) => f.severity === "error")).toEqual([]);
  });

  it("keeps a plan's audience whose membership was not passed, so its size rules are reported as unknown", () => {
    const destination = { ...memoryDestination(new MemoryService()), limits: { maxBatchSize: 10, minAudienceSize: 300 } };
    const facts = planFacts(
      {
        id: "p",
        destination: { id: "memory", settings: { apiKey: API_KEY } },
        audiences: [{ audienceId: "a" }, { audienceId: "b" }],
        mapping: { person: [{ source: "person.email", target: "email_sha256", transforms: ["sha256Email"] }] },
      },
      destination,
      [{ audienceId: "a", type: "person", memberIds: Array.from({ length: 300 }, (_, i) => `p${i}`) }],
    );
    expect(facts.audiences).toEqual([{ audienceId: "a", type: "person", size: 300 }, { audienceId: "b" }]);
    expect(validatePlan(facts, { profile: "relaxed" })).toEqual([
      expect.objectContaining({ ruleId: "destination.minAudienceSize", severity: "warning", path: "audiences[1].size", actual: "unknown", audienceId: "b" }),
    ]);
  });

  it("lets guardrails refuse an audience below the destination's minimum size", () => {
    const destination = { ...memoryDestination(new MemoryService()), limits: { maxBatchSize: 10, minAudienceSize: 300 } };
    const facts = planFacts(
      {
        id: "p",
        destination: { id: "memory", settings: { apiKey: API_KEY } },
        audiences: [{ audienceId: "a" }],
        mapping: { person: [{ source: "person.email", target: "email_sha256", transforms: ["sha256Email"] }] },
      },
      destination,
      [{ audienceId: "a", type: "person", memberIds: ["p1", "p2"] }],
    );
    const findings = validatePlan(facts, { profile: "relaxed" });
    expect(findings.some((f) => f.ruleId === "destination.minAudienceSize" && f.actual === 2)).toBe(true);
  });
});
