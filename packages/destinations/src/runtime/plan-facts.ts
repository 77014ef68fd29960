import { parseOrThrow } from "@abm-kit/core";
import type { ActivationPlanFacts } from "@abm-kit/guardrails";
import type { DestinationDefinition } from "../definition/destination-definition.js";
import type { AudienceMembership } from "../definition/membership.js";
import { FileExportOptionsSchema } from "../files/file-export-options.js";
import { ActivationPlanSchema, type ActivationPlanInput } from "./activation-plan.js";

/**
 * The plain facts `validatePlan` of `@abm-kit/guardrails` checks, drawn from a
 * plan, its destination and the audiences' memberships (sizes are the number
 * of distinct member ids given). Every audience of the plan is listed; one
 * whose membership is not given has no size (and no type), so its size rules
 * come back as `"unknown"` warnings rather than being skipped. Without
 * `dataflowsForDestination` the dataflow rule is reported as unknown too.
 */
export function planFacts<Settings>(
  planInput: ActivationPlanInput,
  destination: DestinationDefinition<Settings>,
  audiences: readonly AudienceMembership[],
  options: { dataflowsForDestination?: number } = {},
): ActivationPlanFacts {
  const plan = parseOrThrow(ActivationPlanSchema, planInput, "activation plan");
  const targets = new Set([...(plan.mapping.account ?? []), ...(plan.mapping.person ?? [])].map((m) => m.target));
  let exportFileRowLimit: number | undefined;
  if (destination.file !== undefined) {
    const settings = destination.settings.safeParse(plan.destination.settings);
    if (settings.success) exportFileRowLimit = FileExportOptionsSchema.parse(destination.file.options(settings.data)).maxRowsPerFile;
  }
  return {
    destinationId: destination.id,
    limits: destination.limits,
    // every audience of the plan: one whose membership was not passed has no size, so guardrails report its size rules as unknown
    audiences: plan.audiences.map(({ audienceId }) => {
      const m = audiences.find((a) => a.audienceId === audienceId);
      return m === undefined ? { audienceId } : { audienceId, type: m.type, size: new Set(m.memberIds).size };
    }),
    mappedAttributeCount: targets.size,
    ...(options.dataflowsForDestination !== undefined ? { dataflowsForDestination: options.dataflowsForDestination } : {}),
    ...(exportFileRowLimit !== undefined ? { exportFileRowLimit } : {}),
  };
}
