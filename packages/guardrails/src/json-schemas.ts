import { z } from "zod";
import { GovernancePolicySchema } from "./governance/policy.js";
import { CustomLimitProfileSchema } from "./limits/limit-profile.js";
import { ActivationPlanFactsSchema } from "./validate/plan-facts.js";

/** The JSON Schema (draft 2020-12) of a governance policy, for UIs that edit policies. */
export function governancePolicyJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(GovernancePolicySchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
}

/** The JSON Schema (draft 2020-12) of a custom limit profile (the input of `defineLimitProfile`). */
export function limitProfileJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(CustomLimitProfileSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
}

/** The JSON Schema (draft 2020-12) of activation-plan facts. */
export function activationPlanFactsJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ActivationPlanFactsSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
}
