import { ValidationError } from "@abm-kit/core";
import { describe, expect, it } from "vitest";
import { validateComposition, validatePlan, type ActivationPlanFacts, type Finding } from "../src/index.js";

const byRule = (findings: Finding[], ruleId: string) => findings.filter((f) => f.ruleId === ruleId);

const plan = (overrides: Partial<ActivationPlanFacts> = {}): ActivationPlanFacts => ({
  destinationId: "s3",
  limits: {},
  audiences: [{ audienceId: "cmo-at-software", type: "person", size: 1200 }],
  mappedAttributeCount: 5,
  // given, so the dataflow rule does not report an unknown count (see seed-rules.test.ts)
  dataflowsForDestination: 1,
  ...overrides,
});

describe("blueprint plan rules at, just under and just over their limits", () => {
  it("plan.dataflowsPerDestination: 99 and 100 pass, 101 is an error", () => {
    const rule = "plan.dataflowsPerDestination";
    for (const ok of [99, 100]) {
      expect(byRule(validatePlan(plan({ dataflowsForDestination: ok }), { profile: "blueprint" }), rule)).toEqual([]);
    }
    expect(validatePlan(plan({ dataflowsForDestination: 101 }), { profile: "blueprint" })).toEqual([
      expect.objectContaining({ ruleId: rule, severity: "error", limit: 100, actual: 101, path: "dataflowsForDestination" }),
    ]);
    expect(validatePlan(plan({ dataflowsForDestination: 101 }), { profile: "relaxed" })).toEqual([]);
  });

  it("plan.rowsPerExportFile: 4,999,999 and 5,000,000 pass, 5,000,001 is an error", () => {
    const rule = "plan.rowsPerExportFile";
    for (const ok of [4_999_999, 5_000_000]) {
      expect(byRule(validatePlan(plan({ exportFileRowLimit: ok }), { profile: "blueprint" }), rule)).toEqual([]);
    }
    expect(validatePlan(plan({ exportFileRowLimit: 5_000_001 }), { profile: "blueprint" })).toEqual([
      expect.objectContaining({ ruleId: rule, severity: "error", limit: 5_000_000, actual: 5_000_001 }),
    ]);
  });

  it("LinkedIn Matched Audiences: 300 and 301 members pass, 299 is an error", () => {
    const linkedin = (size: number) => plan({ destinationId: "linkedin", audiences: [{ audienceId: "a", type: "account", size }] });
    expect(validatePlan(linkedin(300), { profile: "blueprint" })).toEqual([]);
    expect(validatePlan(linkedin(301), { profile: "blueprint" })).toEqual([]);
    const under = validatePlan(linkedin(299), { profile: "blueprint" });
    expect(under).toEqual([
      expect.objectContaining({
        ruleId: "destination.minAudienceSize",
        severity: "error",
        limit: 300,
        actual: 299,
        path: "audiences[0].size",
        audienceId: "a",
      }),
    ]);
    expect(under[0]!.message).toContain(`profile "blueprint" for destination linkedin`);
    // relaxed: only what the destination itself declares
    expect(validatePlan(linkedin(299), { profile: "relaxed" })).toEqual([]);
    const declared = plan({ destinationId: "linkedin", limits: { minAudienceSize: 300 }, audiences: [{ audienceId: "a", type: "account", size: 299 }] });
    expect(validatePlan(declared, { profile: "relaxed" })).toEqual([expect.objectContaining({ actual: 299, limit: 300 })]);
    expect(validatePlan(declared, { profile: "relaxed" })[0]!.message).toContain("destination linkedin");
  });

  it("Marketo lead creation: 49 and 50 mapped attributes pass, 51 is an error", () => {
    const marketo = (n: number) => plan({ destinationId: "marketo", mappedAttributeCount: n });
    expect(validatePlan(marketo(49), { profile: "blueprint" })).toEqual([]);
    expect(validatePlan(marketo(50), { profile: "blueprint" })).toEqual([]);
    expect(validatePlan(marketo(51), { profile: "blueprint" })).toEqual([
      expect.objectContaining({ ruleId: "destination.maxMappedAttributes", limit: 50, actual: 51, path: "mappedAttributeCount" }),
    ]);
    expect(validatePlan(marketo(51), { profile: "relaxed" })).toEqual([]);
  });

  it("composition.blocks: 9 and 10 pass, 11 is an error", () => {
    const composition = (n: number) => ({
      id: "c",
      type: "person" as const,
      blocks: [{ kind: "audience" as const }, ...Array.from({ length: n - 1 }, () => ({ kind: "exclude" as const }))],
    });
    for (const ok of [9, 10]) {
      expect(byRule(validateComposition(composition(ok), { profile: "blueprint" }), "composition.blocks")).toEqual([]);
    }
    expect(byRule(validateComposition(composition(11), { profile: "blueprint" }), "composition.blocks")).toEqual([
      expect.objectContaining({ severity: "error", limit: 10, actual: 11, path: "blocks" }),
    ]);
    expect(validateComposition(composition(11), { profile: "relaxed" })).toEqual([]);
  });

  it("compositions abm-kit supports beyond the blueprint only warn", () => {
    const ok = {
      id: "c",
      type: "person" as const,
      blocks: [{ kind: "audience" as const }, { kind: "exclude" as const }, { kind: "enrich" as const }, { kind: "rank" as const }],
    };
    expect(validateComposition(ok, { profile: "blueprint" })).toEqual([]);
    const findings = validateComposition(
      { id: "c2", type: "account", blocks: [{ kind: "audience" }, { kind: "union" }, { kind: "split" }] },
      { profile: "blueprint" },
    );
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ["composition.accountAudiences", "warning"],
      ["composition.shape", "warning"],
    ]);
    expect(findings[1]!.actual).toBe("audience union split");
  });
});

describe("destination limits and unknown sizes", () => {
  it("takes limits from the destination's own declaration, so new adapters bring theirs", () => {
    const facts = plan({
      destinationId: "acme-crm",
      limits: { minAudienceSize: 10, maxAudienceSize: 1000, maxMappedAttributes: 3, maxRowsPerFile: 100 },
      audiences: [
        { audienceId: "small", type: "person", size: 9 },
        { audienceId: "fine", type: "person", size: 10 },
        { audienceId: "big", type: "person", size: 1001 },
      ],
      mappedAttributeCount: 4,
      exportFileRowLimit: 101,
    });
    expect(validatePlan(facts, { profile: "relaxed" }).map((f) => [f.ruleId, f.path, f.actual])).toEqual([
      ["destination.minAudienceSize", "audiences[0].size", 9],
      ["destination.maxAudienceSize", "audiences[2].size", 1001],
      ["destination.maxMappedAttributes", "mappedAttributeCount", 4],
      ["destination.maxRowsPerFile", "exportFileRowLimit", 101],
    ]);
  });

  it('reports a size rule it could not check as a warning with actual "unknown"', () => {
    const facts = plan({ destinationId: "linkedin", audiences: [{ audienceId: "a", type: "account" }] });
    expect(validatePlan(facts, { profile: "blueprint" })).toEqual([
      expect.objectContaining({ ruleId: "destination.minAudienceSize", severity: "warning", actual: "unknown", limit: 300 }),
    ]);
    expect(validatePlan(facts, { profile: "relaxed" })).toEqual([]);
  });

  it("applies the stricter of the destination's and the profile's limits", () => {
    const facts = plan({ destinationId: "linkedin", limits: { minAudienceSize: 1000 }, audiences: [{ audienceId: "a", type: "account", size: 500 }] });
    expect(validatePlan(facts, { profile: "blueprint" })).toEqual([expect.objectContaining({ limit: 1000, actual: 500 })]);
  });
});

describe("bad plans", () => {
  it("an invalid plan raises a ValidationError naming each problem", () => {
    let caught: unknown;
    try {
      validatePlan(
        {
          destinationId: "",
          limits: { minAudienceSize: -1, requestsPerWindow: { requests: 0, windowMs: 1000 } },
          audiences: [{ audienceId: "a", type: "group", size: 1.5 }],
          mappedAttributeCount: -2,
        } as never,
        { profile: "blueprint" },
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).problems.map((p) => p.path.join("."))).toEqual(
      expect.arrayContaining([
        "destinationId",
        "limits.minAudienceSize",
        "limits.requestsPerWindow.requests",
        "audiences.0.type",
        "audiences.0.size",
        "mappedAttributeCount",
      ]),
    );
  });

  it("a missing plan or options raises a typed error, not a TypeError", () => {
    expect(() => validatePlan(undefined as never, { profile: "blueprint" })).toThrow(ValidationError);
    expect(() => validatePlan(plan(), undefined as never)).toThrow(ValidationError);
    expect(() => validateComposition({ id: "c", type: "person", blocks: [] }, { profile: "blueprint" })).toThrow(ValidationError);
  });
});
