import { RELATIONS, validateAudience, type Audience, type Condition, type ContextKind, type Window } from "@abm-kit/audience";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defineLimitProfile, validateAudienceLimits, validateAudiences, validatePlan, type ActivationPlanFacts, type Finding } from "../src/index.js";

const unit = fc.constantFrom("minutes", "hours", "days", "weeks", "months", "years" as const);
const duration = fc.record({ amount: fc.integer({ min: 0, max: 400 }), unit });
const window: fc.Arbitrary<Window> = fc.oneof(
  fc.record({ last: duration }),
  fc.record({ between: fc.tuple(fc.record({ ago: duration }), fc.constant("now" as const)) }),
  fc.record({ from: fc.constantFrom({ at: "2026-01-01" }, { at: "2026-11-01T00:00:00Z" }) }),
  fc.record({ to: fc.constant("now" as const) }),
);
const word = fc.constantFrom("Software", "CMO", "US", "Visit Webpage", "x");

const attribute: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({ kind: fc.constant("attribute" as const), field: word, op: fc.constant("eq" as const), value: word }),
  fc.record({
    kind: fc.constant("attribute" as const),
    field: word,
    op: fc.constantFrom("in" as const, "notIn" as const),
    values: fc.array(word, { minLength: 1, maxLength: 70 }),
  }),
  fc.record({ kind: fc.constant("attribute" as const), field: word, op: fc.constantFrom("exists" as const, "missing" as const) }),
  fc.record({ kind: fc.constant("attribute" as const), field: fc.constant("createdAt"), op: fc.constant("within" as const), window }),
);

function condition(context: ContextKind, depth: number): fc.Arbitrary<Condition> {
  const options: fc.Arbitrary<Condition>[] = [attribute];
  if (context !== "event" && context !== "related") {
    options.push(fc.record({ kind: fc.constant("inAudience" as const), audienceId: fc.constantFrom("a", "b") }));
  }
  if (depth > 0) {
    const child = condition(context, depth - 1);
    options.push(
      fc.record({ kind: fc.constantFrom("and" as const, "or" as const), conditions: fc.array(child, { maxLength: 6 }) }),
      fc.record({ kind: fc.constant("not" as const), condition: child }),
    );
    const relations = Object.entries(RELATIONS[context]);
    if (context === "account" || context === "person") relations.push(["related:ownedProducts", "related"]);
    for (const [relation, target] of relations) {
      options.push(
        fc.record({
          kind: fc.constant("related" as const),
          relation: fc.constant(relation),
          quantifier: fc.constantFrom("some" as const, "none" as const, "all" as const),
          where: condition(target, depth - 1),
        }),
      );
    }
  }
  if (context === "account" || context === "person") {
    const where = fc.option(condition("event", 1), { nil: undefined });
    options.push(
      fc.record(
        {
          kind: fc.constant("event" as const),
          types: fc.array(word, { minLength: 1, maxLength: 3 }),
          window,
          owner: context === "account" ? fc.constantFrom("any" as const, "person" as const, "account" as const) : fc.constant("person" as const),
          where,
        },
        { requiredKeys: ["kind", "types", "window"] },
      ),
      fc.record({
        kind: fc.constant("sequence" as const),
        steps: fc.array(fc.record({ types: fc.array(word, { minLength: 1, maxLength: 2 }) }), { minLength: 2, maxLength: 3 }),
        within: duration,
        window,
      }),
    );
  }
  return fc.oneof(...options);
}

const audience: fc.Arbitrary<Audience> = fc
  .constantFrom("account" as const, "person" as const)
  .chain((type) => condition(type, 3).map((c): Audience => ({ id: `${type}-1`, name: "Random", version: 1, type, condition: c })))
  .filter((a) => {
    try {
      validateAudience(a);
      return true;
    } catch {
      return false;
    }
  });

const custom = defineLimitProfile({
  id: "strict",
  name: "Strict",
  extends: "blueprint",
  rules: { "accountAudience.personEventLookbackDays": { severity: "error", limit: 0 }, "accountAudience.rulesPerContainer": { limit: 1 } },
});

function wellFormed(findings: Finding[]): void {
  for (const f of findings) {
    expect(["error", "warning"]).toContain(f.severity);
    expect(typeof f.ruleId).toBe("string");
    expect(f.message.length).toBeGreaterThan(0);
    expect(f.path.length).toBeGreaterThan(0);
  }
}

describe("the validator never throws on valid-but-odd input", () => {
  it("random valid audiences, every profile, with and without now", () => {
    fc.assert(
      fc.property(
        audience,
        fc.option(fc.constant("2026-11-20T12:00:00.000Z"), { nil: undefined }),
        fc.constantFrom("batch" as const, "streaming" as const),
        (a, now, evaluation) => {
          for (const profile of ["blueprint" as const, custom]) {
            wellFormed(validateAudienceLimits(a, { profile, now, evaluation }));
          }
          expect(validateAudienceLimits(a, { profile: "relaxed", now, evaluation })).toEqual([]);
          // person audiences meet one blueprint rule: streamed, each condition on another entity is a warning
          if (a.type === "person") {
            const findings = validateAudienceLimits(a, { profile: "blueprint", now, evaluation });
            if (evaluation === "batch") expect(findings).toEqual([]);
            for (const f of findings) expect([f.ruleId, f.severity]).toEqual(["personAudience.multiEntityStreaming", "warning"]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("random sets of valid audiences", () => {
    fc.assert(
      fc.property(fc.array(audience, { maxLength: 5 }), (audiences) => {
        wellFormed(validateAudiences(audiences, { profile: "blueprint" }));
      }),
      { numRuns: 50 },
    );
  });

  it("random valid plans", () => {
    const size = fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: undefined });
    const limit = fc.option(fc.integer({ min: 1, max: 10_000_000 }), { nil: undefined });
    const facts: fc.Arbitrary<ActivationPlanFacts> = fc.record(
      {
        destinationId: fc.constantFrom("linkedin", "marketo", "s3", "x"),
        limits: fc.record({ minAudienceSize: limit, maxAudienceSize: limit, maxMappedAttributes: limit, maxRowsPerFile: limit }, { requiredKeys: [] }),
        audiences: fc.array(
          fc.record(
            { audienceId: fc.constantFrom("a", "b"), type: fc.constantFrom("account" as const, "person" as const), size },
            { requiredKeys: ["audienceId", "type"] },
          ),
          { maxLength: 4 },
        ),
        mappedAttributeCount: fc.integer({ min: 0, max: 200 }),
        dataflowsForDestination: fc.integer({ min: 0, max: 200 }),
        exportFileRowLimit: fc.integer({ min: 1, max: 10_000_000 }),
      },
      { requiredKeys: ["destinationId", "limits", "audiences", "mappedAttributeCount"] },
    );
    fc.assert(
      fc.property(facts, fc.constantFrom("blueprint" as const, "relaxed" as const), (f, profile) => {
        const findings = validatePlan(f, { profile });
        wellFormed(findings);
        // every known size that breaks a declared limit is reported
        f.audiences.forEach((a, i) => {
          if (a.size !== undefined && f.limits.minAudienceSize !== undefined && a.size < f.limits.minAudienceSize) {
            expect(findings.some((x) => x.ruleId === "destination.minAudienceSize" && x.path === `audiences[${i}].size`)).toBe(true);
          }
        });
      }),
      { numRuns: 300 },
    );
  });
});
