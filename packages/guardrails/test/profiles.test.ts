import { AbmKitError, ValidationError } from "@abm-kit/core";
import { describe, expect, it } from "vitest";
import {
  activationPlanFactsJsonSchema,
  BLUEPRINT_PROFILE,
  defineLimitProfile,
  governancePolicyJsonSchema,
  limitProfileJsonSchema,
  RELAXED_PROFILE,
  resolveProfile,
  RULE_IDS,
  strictestLimits,
  validateAudienceLimits,
  validatePlan,
} from "../src/index.js";
import { accountAudience, visits } from "./audiences.js";

const NOW = "2026-11-20T12:00:00.000Z";

describe("built-in profiles", () => {
  it("blueprint sets every rule, warning where abm-kit can do more", () => {
    expect(Object.keys(BLUEPRINT_PROFILE.rules).sort()).toEqual([...RULE_IDS].sort());
    const warnings = RULE_IDS.filter((id) => BLUEPRINT_PROFILE.rules[id].severity === "warning");
    expect(warnings.sort()).toEqual([
      "accountAudience.eventOrdering",
      "accountAudience.personEventLookbackDays",
      "accountAudience.streaming",
      "composition.accountAudiences",
      "composition.shape",
      "personAudience.multiEntityStreaming",
    ]);
    expect(resolveProfile("blueprint")).toBe(BLUEPRINT_PROFILE);
  });

  it("relaxed turns every profile rule off and adds no destination limits", () => {
    expect(RULE_IDS.every((id) => RELAXED_PROFILE.rules[id].severity === "off")).toBe(true);
    expect(RELAXED_PROFILE.destinations).toEqual({});
  });
});

describe("custom profiles", () => {
  it("extend a base and override limits, severities and destination limits", () => {
    const profile = defineLimitProfile({
      id: "acme",
      name: "Acme",
      extends: "blueprint",
      rules: {
        "accountAudience.personEventLookbackDays": { limit: 90 },
        "accountAudience.eventOrdering": { severity: "error" },
        "plan.dataflowsPerDestination": { severity: "off" },
      },
      destinations: { linkedin: { maxAudienceSize: 1000 } },
    });
    expect(profile.rules["accountAudience.personEventLookbackDays"]).toEqual({ severity: "warning", limit: 90 });
    expect(profile.rules["accountAudience.eventOrdering"]).toEqual({ severity: "error" });
    expect(profile.destinations.linkedin).toEqual({ minAudienceSize: 300, minAudienceSizeCounts: "matched", maxAudienceSize: 1000 });
    // the base is untouched
    expect(BLUEPRINT_PROFILE.rules["accountAudience.personEventLookbackDays"].limit).toBe(30);

    const lookback = (days: number) =>
      validateAudienceLimits(accountAudience(visits(days)), { profile, now: NOW }).filter((f) => f.ruleId === "accountAudience.personEventLookbackDays");
    expect(lookback(90)).toEqual([]);
    expect(lookback(91)).toEqual([expect.objectContaining({ limit: 90, actual: 91, severity: "warning" })]);
    expect(validatePlan({ destinationId: "s3", limits: {}, audiences: [], mappedAttributeCount: 0, dataflowsForDestination: 500 }, { profile })).toEqual([]);
    const big = { destinationId: "linkedin", limits: {}, audiences: [{ audienceId: "a", type: "account" as const, size: 1001 }], mappedAttributeCount: 0 };
    expect(validatePlan(big, { profile }).map((f) => f.ruleId)).toEqual(["destination.maxAudienceSize"]);
  });

  it("can be passed unresolved, and can extend a resolved profile", () => {
    const base = defineLimitProfile({ id: "a", name: "A", extends: "relaxed", rules: { "composition.blocks": { severity: "error", limit: 2 } } });
    const child = defineLimitProfile({ id: "b", name: "B", extends: base, rules: { "composition.blocks": { limit: 3 } } });
    expect(child.rules["composition.blocks"]).toEqual({ severity: "error", limit: 3 });
    expect(resolveProfile({ id: "c", name: "C", extends: "relaxed" }).rules["composition.blocks"].severity).toBe("off");
  });

  it("an invalid profile raises a ValidationError naming each problem", () => {
    let caught: unknown;
    try {
      defineLimitProfile({
        id: "",
        name: "Bad",
        extends: "blueprint",
        rules: {
          "accountAudience.entitySwitch": { limit: 3 },
          "accountAudience.valuesPerField": { limit: -1, severity: "fatal" },
        } as never,
        destinations: { linkedin: { minAudienceSize: "300" } } as never,
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    const paths = (caught as ValidationError).problems.map((p) => p.path.join("."));
    expect(paths).toEqual(
      expect.arrayContaining([
        "id",
        "rules.accountAudience.valuesPerField.limit",
        "rules.accountAudience.valuesPerField.severity",
        "destinations.linkedin.minAudienceSize",
      ]),
    );
    const unknownRule = (caught as ValidationError).problems.find((p) => p.message.includes("accountAudience.entitySwitch"));
    expect(unknownRule?.path).toEqual(["rules"]);
    expect((caught as ValidationError).message).toContain("limit profile");
  });

  it("a rule switched on without a limit is refused", () => {
    expect(() => defineLimitProfile({ id: "x", name: "X", extends: "relaxed", rules: { "composition.blocks": { severity: "error" } } })).toThrow(
      expect.objectContaining({ problems: [expect.objectContaining({ path: ["rules", "composition.blocks", "limit"] })] }),
    );
    expect(() => resolveProfile({ id: "x" } as never)).toThrow(ValidationError);
    expect(() => resolveProfile("aep" as never)).toThrow(AbmKitError);
  });
});

describe("strictestLimits", () => {
  it("keeps the highest minimum, the lowest maximum and the slowest rate", () => {
    expect(
      strictestLimits({ minAudienceSize: 100, maxBatchSize: 500, requestsPerWindow: { requests: 100, windowMs: 20_000 } }, undefined, {
        minAudienceSize: 300,
        maxBatchSize: 1000,
        maxConcurrency: 10,
        requestsPerWindow: { requests: 10, windowMs: 1000 },
      }),
    ).toEqual({ minAudienceSize: 300, maxBatchSize: 500, maxConcurrency: 10, requestsPerWindow: { requests: 100, windowMs: 20_000 } });
  });
});

describe("JSON Schemas", () => {
  it("describe profiles, policies and plan facts for editors", () => {
    const policy = governancePolicyJsonSchema() as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(policy.properties)).toEqual(expect.arrayContaining(["id", "name", "deny", "enforcement"]));
    expect(policy.required).toEqual(expect.arrayContaining(["id", "name", "deny"]));
    const profile = limitProfileJsonSchema() as { properties: Record<string, unknown> };
    expect(Object.keys(profile.properties)).toEqual(expect.arrayContaining(["extends", "rules", "destinations"]));
    const plan = activationPlanFactsJsonSchema() as { required: string[] };
    expect(plan.required).toEqual(expect.arrayContaining(["destinationId", "limits", "audiences", "mappedAttributeCount"]));
  });
});
