import type { Audience } from "@abm-kit/audience";
import type { Snapshot } from "@abm-kit/core";
import { seedCompositions } from "./audiences/index.js";
import {
  checkGovernance,
  CORE_GOVERNANCE_POLICIES,
  filterByConsent,
  validateAudiences,
  validateAudienceLimits,
  validateComposition,
  validatePlan,
  type Finding,
  type GovernanceFieldUse,
  type GovernancePolicy,
} from "@abm-kit/guardrails";

const SECTION_NOW = "2026-11-20T12:00:00.000Z";

/** An account audience abm-kit evaluates but the blueprint platform would not: ordered events over 90 days. */
const pricingThenDemo: Audience = {
  id: "pricing-then-demo",
  name: "Accounts whose people viewed pricing, then asked for a demo (90 days)",
  version: 1,
  type: "account",
  condition: {
    kind: "sequence",
    steps: [{ types: ["Visit Webpage"], where: { kind: "attribute", field: "webpage", op: "contains", value: "pricing" } }, { types: ["Fill Out Form"] }],
    within: { amount: 14, unit: "days" },
    window: { last: { amount: 90, unit: "days" } },
  },
};

function printFindings(log: (line: string) => void, findings: readonly Finding[]): void {
  if (findings.length === 0) {
    log("    no findings");
    return;
  }
  for (const f of findings) {
    log(`    ${f.severity.padEnd(7)} ${f.ruleId} at ${f.path}: ${f.message}`);
  }
}

/**
 * The guardrails part of the demo: checks the seed audiences against the
 * `blueprint` and `relaxed` limit profiles, an example activation plan against
 * LinkedIn's limits, an example mapping against governance policies, and how
 * many people may be emailed.
 */
export async function runGuardrailsSection(log: (line: string) => void, input: { snapshot: Snapshot; audiences: Audience[] }): Promise<void> {
  for (const profile of ["blueprint", "relaxed"] as const) {
    const findings = validateAudiences(input.audiences, { profile, now: SECTION_NOW });
    const errors = findings.filter((f) => f.severity === "error").length;
    log(`  ${input.audiences.length} seed audiences, profile ${profile}: ${errors} errors, ${findings.length - errors} warnings`);
    printFindings(log, findings);
  }

  log(`  ${pricingThenDemo.id} (ordered events over 90 days), profile blueprint, streaming:`);
  printFindings(log, validateAudienceLimits(pricingThenDemo, { profile: "blueprint", now: SECTION_NOW, evaluation: "streaming" }));

  for (const composition of seedCompositions) {
    log(`  composition ${composition.id}, profile blueprint:`);
    printFindings(log, validateComposition(composition, { profile: "blueprint" }));
  }

  log("  activation plan: two account audiences to LinkedIn, one of 120 members, one not evaluated (profile blueprint)");
  printFindings(
    log,
    validatePlan(
      {
        destinationId: "linkedin",
        limits: { maxBatchSize: 5000 },
        audiences: [
          { audienceId: "intent-targeting", type: "account", size: 120 },
          { audienceId: "cross-sell", type: "account" },
        ],
        mappedAttributeCount: 3,
      },
      { profile: "blueprint" },
    ),
  );

  const policies: GovernancePolicy[] = [
    ...CORE_GOVERNANCE_POLICIES,
    {
      id: "no-plain-identifiers-to-ads",
      name: "Identifying data goes to ad platforms only hashed",
      deny: { labels: ["I1"], actions: ["crossSiteTargeting"] },
      enforcement: "warn",
    },
  ];
  const fields: GovernanceFieldUse[] = input.snapshot.persons
    .fields()
    .filter((f) => ["email", "firstName", "city"].includes(f.name))
    .map((f, i) => ({ path: `mapping[${i}].source (person.${f.name})`, labels: f.labels, role: "mapping" }));
  const governance = checkGovernance({ policies, actions: ["crossSiteTargeting", "exportToThirdParty"], fields });
  log(`  governance of a mapping of ${fields.length} person fields to an ad platform: ${governance.blocked ? "blocked" : "allowed"}`);
  for (const v of governance.violations) {
    log(`    ${v.enforcement.padEnd(5)} ${v.policyName}: ${v.path} carries ${v.label}, used for ${v.action}`);
  }

  const everyone = Array.from({ length: input.snapshot.persons.size }, (_, row) => row);
  const email = filterByConsent(input.snapshot, everyone, { channel: "email" });
  log(`  email consent: ${email.allowed.length} of ${everyone.length} people may be emailed, ${email.dropped} dropped (opted out)`);
}
