import { DataUsageLabelSchema, parseOrThrow } from "@abm-kit/core";
import { z } from "zod";
import { MarketingActionSchema } from "./marketing-action.js";

/** What happens when a policy is violated: the plan is refused (`block`) or goes ahead with a warning (`warn`). */
export const EnforcementSchema = z.enum(["block", "warn"]);
/** How a policy is enforced. */
export type Enforcement = z.infer<typeof EnforcementSchema>;

/**
 * A data-governance policy: it denies using any field that carries one of
 * `deny.labels` for any of `deny.actions`. Enforcement defaults to `block`.
 */
export const GovernancePolicySchema = z.object({
  id: z.string().min(1).max(200),
  name: z.string().min(1).max(500),
  description: z.string().optional(),
  deny: z.object({
    labels: z.array(DataUsageLabelSchema).min(1, "a policy denies at least one label"),
    actions: z.array(MarketingActionSchema).min(1, "a policy denies at least one marketing action"),
  }),
  enforcement: EnforcementSchema.optional(),
});
/** A data-governance policy (see {@link GovernancePolicySchema}). */
export type GovernancePolicy = z.infer<typeof GovernancePolicySchema>;

/** A list of policies with distinct ids. */
export const GovernancePoliciesSchema = z.array(GovernancePolicySchema).superRefine((policies, ctx) => {
  const seen = new Set<string>();
  policies.forEach((policy, index) => {
    if (seen.has(policy.id)) {
      ctx.addIssue({ code: "custom", path: [index, "id"], message: `duplicate policy id ${JSON.stringify(policy.id)}` });
    }
    seen.add(policy.id);
  });
});

/** Validates one policy; an invalid one raises a `ValidationError` naming each problem. */
export function parseGovernancePolicy(input: unknown): GovernancePolicy {
  return parseOrThrow(GovernancePolicySchema, input, "governance policy");
}

/** Validates a list of policies (ids must be distinct); raises a `ValidationError` naming each problem. */
export function parseGovernancePolicies(input: unknown): GovernancePolicy[] {
  return parseOrThrow(GovernancePoliciesSchema, input, "governance policies");
}
