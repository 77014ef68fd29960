import { describe, expect, it } from "vitest";
import { validatePlan, type ActivationPlanFacts } from "../src/index.js";

const facts = (overrides: Partial<ActivationPlanFacts>): ActivationPlanFacts => ({
  destinationId: "marketo",
  limits: {},
  audiences: [{ audienceId: "icp", type: "account", sentAsPeople: true, size: 40 }],
  mappedAttributeCount: 2,
  dataflowsForDestination: 1,
  ...overrides,
});
const typeFindings = (f: ActivationPlanFacts) =>
  validatePlan(f, { profile: "relaxed" }).filter((x) => x.ruleId === "destination.audienceType" || x.ruleId === "plan.sentAsPeople");

describe("audience types: an account audience sent as its people", () => {
  it("is accepted by a destination that takes person audiences", () => {
    expect(typeFindings(facts({ destinationAudienceTypes: ["person"] }))).toEqual([]);
    expect(typeFindings(facts({ destinationAudienceTypes: ["account", "person"] }))).toEqual([]);
  });

  it("is refused by a destination that takes only account audiences, naming the audience and why", () => {
    expect(typeFindings(facts({ destinationId: "linkedin-companies", destinationAudienceTypes: ["account"] }))).toEqual([
      {
        ruleId: "destination.audienceType",
        severity: "error",
        path: "audiences[0].sentAsPeople",
        limit: "account",
        actual: "person",
        audienceId: "icp",
        message: `audience "icp" is sent as its accounts' people (person members), but destination linkedin-companies takes only account audiences`,
      },
    ]);
  });

  it("refuses sentAsPeople on a person audience, and an audience of a type the destination does not take", () => {
    const found = typeFindings(
      facts({
        destinationAudienceTypes: ["person"],
        audiences: [{ audienceId: "cmos", type: "person", sentAsPeople: true }, { audienceId: "tier-1", type: "account" }, { audienceId: "unknown-type" }],
      }),
    );
    expect(found.map((f) => [f.ruleId, f.path, f.audienceId])).toEqual([
      ["plan.sentAsPeople", "audiences[0].sentAsPeople", "cmos"],
      ["destination.audienceType", "audiences[1].type", "tier-1"],
    ]);
  });

  it("checks nothing about types when the destination's types are not given", () => {
    expect(typeFindings(facts({ audiences: [{ audienceId: "tier-1", type: "account" }] }))).toEqual([]);
  });
});
