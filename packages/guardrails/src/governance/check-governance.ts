import { parseOrThrow } from "@abm-kit/core";
import { z } from "zod";
import { GovernanceFieldUseSchema, type GovernanceFieldUse } from "./field-use.js";
import { MarketingActionSchema, type MarketingAction } from "./marketing-action.js";
import { GovernancePoliciesSchema, type Enforcement, type GovernancePolicy } from "./policy.js";

/** One use of a labelled field for a denied marketing action. */
export interface GovernanceViolation {
  readonly policyId: string;
  readonly policyName: string;
  /** The denied label the field carries. */
  readonly label: string;
  /** The denied action the plan performs. */
  readonly action: MarketingAction;
  /** The field's path (`mapping[2].source`, `person.email`). */
  readonly path: string;
  readonly role: "mapping" | "audience";
  readonly enforcement: Enforcement;
}

/** What {@link checkGovernance} found. */
export interface GovernanceCheckResult {
  /** Every violation: each (policy, field, label, action) that is denied. */
  readonly violations: GovernanceViolation[];
  /** True when any violation comes from a policy enforced with `block`. */
  readonly blocked: boolean;
}

/** The input of {@link checkGovernance}. */
export interface GovernanceCheckInput {
  readonly policies: readonly GovernancePolicy[];
  /** The marketing actions the plan performs (its destination's declared actions). */
  readonly actions: readonly MarketingAction[];
  /** The labelled fields the plan uses (mappings and audience attributes). */
  readonly fields: readonly GovernanceFieldUse[];
}

const GovernanceCheckInputSchema = z.object({
  policies: GovernancePoliciesSchema,
  actions: z.array(MarketingActionSchema),
  fields: z.array(GovernanceFieldUseSchema),
});

/**
 * Checks a plan's field uses against governance policies. Lists every
 * violation — for each policy, each field, each denied label it carries and
 * each denied action the plan performs — so a refused plan names everything to
 * fix at once. `blocked` is true when any violated policy enforces `block`
 * (the default). Invalid policies, actions or fields raise a `ValidationError`
 * naming each problem.
 */
export function checkGovernance(input: GovernanceCheckInput): GovernanceCheckResult {
  const { policies, actions, fields } = parseOrThrow(GovernanceCheckInputSchema, input, "governance check input");
  const performed = new Set(actions);
  const violations: GovernanceViolation[] = [];
  for (const policy of policies) {
    const deniedActions = unique(policy.deny.actions).filter((a) => performed.has(a));
    if (deniedActions.length === 0) continue;
    const deniedLabels = new Set(policy.deny.labels);
    const enforcement = policy.enforcement ?? "block";
    for (const field of fields) {
      for (const label of unique(field.labels)) {
        if (!deniedLabels.has(label)) continue;
        for (const action of deniedActions) {
          violations.push({
            policyId: policy.id,
            policyName: policy.name,
            label,
            action,
            path: field.path,
            role: field.role,
            enforcement,
          });
        }
      }
    }
  }
  return { violations, blocked: violations.some((v) => v.enforcement === "block") };
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
