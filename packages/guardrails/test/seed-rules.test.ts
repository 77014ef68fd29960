import type { Composition, Condition } from "@abm-kit/audience";
import { describe, expect, it } from "vitest";
import {
  BLUEPRINT_PROFILE,
  defineLimitProfile,
  strictestLimits,
  validateAudienceLimits,
  validateAudiences,
  validateComposition,
  validatePlan,
  type ActivationPlanFacts,
} from "../src/index.js";
import { leaf, personAudience } from "./audiences.js";

const NOW = "2026-11-20T12:00:00.000Z";

describe("compositions are batch-only on the blueprint platform", () => {
  const composition: Composition = {
    id: "top-cmos",
    name: "Top CMOs",
    version: 1,
    type: "person",
    members: { kind: "exclude", from: { kind: "audience", audienceId: "cmos" }, exclude: [{ kind: "audience", audienceId: "customers" }] },
  };
  const facts = { id: "c", type: "person" as const, blocks: [{ kind: "audience" as const }, { kind: "exclude" as const }] };

  it("a composition evaluated streaming is an error in blueprint; batch (the default) passes", () => {
    expect(validateComposition(composition, { profile: "blueprint" })).toEqual([]);
    expect(validateComposition(composition, { profile: "blueprint", evaluation: "batch" })).toEqual([]);
    for (const input of [composition, facts]) {
      const findings = validateComposition(input, { profile: "blueprint", evaluation: "streaming" });
      expect(findings).toEqual([expect.objectContaining({ ruleId: "composition.streaming", severity: "error", limit: false, actual: true })]);
      expect(findings[0]!.message).toMatch(/batch/);
    }
    expect(validateComposition(composition, { profile: "relaxed", evaluation: "streaming" })).toEqual([]);
    const lenient = defineLimitProfile({ id: "l", name: "L", extends: "blueprint", rules: { "composition.streaming": { severity: "off" } } });
    expect(validateComposition(composition, { profile: lenient, evaluation: "streaming" })).toEqual([]);
  });
});

describe("person audiences with multi-entity conditions are batch-only on the blueprint platform", () => {
  const atAccount = (industry: string): Condition => ({ kind: "related", relation: "accounts", quantifier: "some", where: leaf("industry", industry) });
  const openOpportunity: Condition = {
    kind: "related",
    relation: "accounts",
    quantifier: "some",
    where: { kind: "related", relation: "opportunities", quantifier: "some", where: leaf("stage", "Negotiation") },
  };

  it("streaming: a warning at each condition that joins another entity; batch: nothing", () => {
    const audience = personAudience({ kind: "and", conditions: [leaf("title", "CMO"), atAccount("Software"), openOpportunity] }, "cmo");
    expect(validateAudienceLimits(audience, { profile: "blueprint", now: NOW })).toEqual([]);
    const findings = validateAudienceLimits(audience, { profile: "blueprint", now: NOW, evaluation: "streaming" });
    expect(findings.map((f) => [f.ruleId, f.severity, f.path, f.audienceId])).toEqual([
      ["personAudience.multiEntityStreaming", "warning", "condition.conditions[1]", "cmo"],
      ["personAudience.multiEntityStreaming", "warning", "condition.conditions[2]", "cmo"],
      ["personAudience.multiEntityStreaming", "warning", "condition.conditions[2].where", "cmo"],
    ]);
    expect(findings[0]!.message).toContain("accounts");
    expect(findings[2]!.message).toContain("opportunities");
    expect(validateAudienceLimits(audience, { profile: "relaxed", evaluation: "streaming" })).toEqual([]);
  });

  it("a person audience on its own fields and events streams without a finding", () => {
    const own = personAudience({
      kind: "and",
      conditions: [leaf("title", "CMO"), { kind: "event", types: ["Visit Webpage"], window: { last: { amount: 1, unit: "days" } } }],
    });
    expect(validateAudienceLimits(own, { profile: "blueprint", now: NOW, evaluation: "streaming" })).toEqual([]);
  });

  it("validateAudiences applies it per audience id", () => {
    const findings = validateAudiences([personAudience(atAccount("Software"), "a"), personAudience(atAccount("Retail"), "b")], {
      profile: "blueprint",
      evaluation: { b: "streaming" },
    });
    expect(findings.map((f) => [f.ruleId, f.path])).toEqual([["personAudience.multiEntityStreaming", "[1].condition"]]);
  });
});

const plan = (overrides: Partial<ActivationPlanFacts> = {}): ActivationPlanFacts => ({
  destinationId: "s3",
  limits: {},
  audiences: [{ audienceId: "a", type: "person", size: 1200 }],
  mappedAttributeCount: 5,
  ...overrides,
});

describe("plan rules never pass a plan silently", () => {
  it('the 100-dataflow rule without a count is a warning with actual "unknown"', () => {
    expect(validatePlan(plan(), { profile: "blueprint" })).toEqual([
      expect.objectContaining({ ruleId: "plan.dataflowsPerDestination", severity: "warning", path: "dataflowsForDestination", limit: 100, actual: "unknown" }),
    ]);
    expect(validatePlan(plan({ dataflowsForDestination: 100 }), { profile: "blueprint" })).toEqual([]);
    expect(validatePlan(plan(), { profile: "relaxed" })).toEqual([]);
  });

  it("an audience whose type is not known is still checked (sizes, or an unknown-size warning)", () => {
    const findings = validatePlan(
      plan({ dataflowsForDestination: 1, limits: { minAudienceSize: 10 }, audiences: [{ audienceId: "x" }, { audienceId: "y", size: 3 }] }),
      { profile: "relaxed" },
    );
    expect(findings.map((f) => [f.ruleId, f.path, f.actual])).toEqual([
      ["destination.minAudienceSize", "audiences[0].size", "unknown"],
      ["destination.minAudienceSize", "audiences[1].size", 3],
    ]);
  });
});

describe("LinkedIn's 300 counts matched members", () => {
  const linkedin = (size?: number) =>
    plan({ destinationId: "linkedin", dataflowsForDestination: 1, audiences: [{ audienceId: "a", type: "account", ...(size === undefined ? {} : { size }) }] });

  it("the blueprint profile says so, and the findings say the members sent are an upper bound of those matched", () => {
    expect(BLUEPRINT_PROFILE.destinations.linkedin).toEqual({ minAudienceSize: 300, minAudienceSizeCounts: "matched" });
    const under = validatePlan(linkedin(299), { profile: "blueprint" });
    expect(under).toEqual([expect.objectContaining({ ruleId: "destination.minAudienceSize", severity: "error", limit: 300, actual: 299 })]);
    expect(under[0]!.message).toContain("299 members to send");
    expect(under[0]!.message).toContain("at least 300 matched members");
    const unknown = validatePlan(linkedin(), { profile: "blueprint" });
    expect(unknown[0]!.message).toContain("300 matched members");
    expect(validatePlan(linkedin(300), { profile: "blueprint" })).toEqual([]);
  });

  it("a destination's own minimum counts members sent unless it says otherwise", () => {
    const findings = validatePlan(
      plan({ dataflowsForDestination: 1, limits: { minAudienceSize: 10 }, audiences: [{ audienceId: "a", type: "person", size: 9 }] }),
      { profile: "relaxed" },
    );
    expect(findings[0]!.message).not.toContain("matched");
  });

  it("the strictest minimum keeps what it counts", () => {
    expect(strictestLimits({ minAudienceSize: 100 }, { minAudienceSize: 300, minAudienceSizeCounts: "matched" })).toEqual({
      minAudienceSize: 300,
      minAudienceSizeCounts: "matched",
    });
    expect(strictestLimits({ minAudienceSize: 1000 }, { minAudienceSize: 300, minAudienceSizeCounts: "matched" })).toEqual({ minAudienceSize: 1000 });
    expect(strictestLimits({ minAudienceSize: 300 }, { minAudienceSize: 300, minAudienceSizeCounts: "matched" })).toEqual({
      minAudienceSize: 300,
      minAudienceSizeCounts: "matched",
    });
  });
});
