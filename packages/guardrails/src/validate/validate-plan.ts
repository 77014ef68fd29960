import { parseOrThrow } from "@abm-kit/core";
import { strictestLimits, type DestinationLimits } from "../limits/destination-limits.js";
import type { ProfileInput } from "../limits/limit-profile.js";
import { resolveProfile } from "../limits/resolve-profile.js";
import type { Finding } from "./finding.js";
import { ActivationPlanFactsSchema, type ActivationPlanFacts } from "./plan-facts.js";
import { checkProfileRule } from "./profile-rule-check.js";
import { destinationLimitFindings } from "./destination-limit-findings.js";
import { audienceTypeFindings } from "./audience-type-findings.js";

/** Options of the validators: the limit profile to apply. */
export interface ValidateOptions {
  readonly profile: ProfileInput;
}

/**
 * Checks an activation plan against the destination's audience types (an
 * account audience sent as its people is a person audience there; see
 * `audienceTypeFindings`) and its declared limits (made
 * stricter by any limits the profile adds for that destination id) and the
 * profile's plan rules. Size rules use each audience's evaluated size; an
 * audience without one gets a `warning` with `actual: "unknown"`, and so does
 * the dataflow rule when the count is not given. A minimum that counts
 * `matched` members (LinkedIn) is checked against the members sent, an upper
 * bound of those matched, and the message says so. Invalid facts or an
 * invalid profile raise a `ValidationError` naming each problem.
 *
 * @example
 * ```ts
 * import { validatePlan } from "@abm-kit/guardrails";
 *
 * const findings = validatePlan(
 *   { destinationId: "linkedin", limits: { minAudienceSize: 300 }, audiences: [{ audienceId: "icp", size: 120 }], mappedAttributeCount: 2 },
 *   { profile: "blueprint" },
 * );
 * for (const f of findings) console.log(f.severity, f.ruleId, f.message);
 * ```
 * @category Validate
 */
export function validatePlan(facts: ActivationPlanFacts, options: ValidateOptions): Finding[] {
  const plan = parseOrThrow(ActivationPlanFactsSchema, facts, "activation plan");
  const profile = resolveProfile(options?.profile);
  const profileLimits = profile.destinations[plan.destinationId];
  const limits = strictestLimits(plan.limits, profileLimits);
  const origin = (key: keyof DestinationLimits) =>
    profileLimits?.[key] !== undefined && profileLimits[key] === limits[key] && plan.limits[key] !== limits[key]
      ? `profile "${profile.id}" for destination ${plan.destinationId}`
      : `destination ${plan.destinationId}`;
  const findings: Finding[] = [];

  findings.push(...audienceTypeFindings(plan));
  findings.push(...destinationLimitFindings({ limits, audiences: plan.audiences, mappedAttributeCount: plan.mappedAttributeCount }, origin));

  if (plan.dataflowsForDestination !== undefined) {
    const finding = checkProfileRule(profile, "plan.dataflowsPerDestination", {
      path: "dataflowsForDestination",
      actual: plan.dataflowsForDestination,
      detail: `destination ${plan.destinationId}`,
    });
    if (finding) findings.push(finding);
  } else if (profile.rules["plan.dataflowsPerDestination"].severity !== "off") {
    const limit = profile.rules["plan.dataflowsPerDestination"].limit ?? null;
    findings.push({
      ruleId: "plan.dataflowsPerDestination",
      severity: "warning",
      path: "dataflowsForDestination",
      limit,
      actual: "unknown",
      message: `the number of dataflows feeding destination ${plan.destinationId} is unknown, so the limit of ${limit} (profile "${profile.id}") was not checked: pass dataflowsForDestination, this plan included`,
    });
  }

  if (plan.exportFileRowLimit !== undefined) {
    const finding = checkProfileRule(profile, "plan.rowsPerExportFile", {
      path: "exportFileRowLimit",
      actual: plan.exportFileRowLimit,
    });
    if (finding) findings.push(finding);
    const maxRows = limits.maxRowsPerFile;
    if (maxRows !== undefined && plan.exportFileRowLimit > maxRows) {
      findings.push({
        ruleId: "destination.maxRowsPerFile",
        severity: "error",
        path: "exportFileRowLimit",
        limit: maxRows,
        actual: plan.exportFileRowLimit,
        message: `the plan writes up to ${plan.exportFileRowLimit} rows per file; ${origin("maxRowsPerFile")} takes at most ${maxRows}`,
      });
    }
  }
  return findings;
}
