import type { ActivationPlanInput } from "./activation-plan.js";

/**
 * Types an activation plan where it is written: the literal is checked against
 * {@link ActivationPlanInput} (a misspelt transform, mode or key fails to
 * compile) and needs no `as const`. Returns the plan unchanged; `activate`
 * validates it at run time as it does any plan.
 *
 * @example
 * ```ts
 * import { definePlan } from "@abm-kit/destinations";
 *
 * const plan = definePlan({
 *   id: "leaders-to-folder",
 *   destination: { id: "local-folder", settings: { path: "out/exports", format: "csv" } },
 *   audiences: [{ audienceId: "leaders" }],
 *   mapping: { person: [{ source: "person.email", target: "email", transforms: ["trim", "lowercase"] }] },
 *   mode: "incremental",
 * });
 * ```
 * @category Activate
 */
export function definePlan(plan: ActivationPlanInput): ActivationPlanInput {
  return plan;
}
