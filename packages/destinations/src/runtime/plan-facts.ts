import { parseOrThrow, type Snapshot } from "@abm-kit/core";
import type { ActivationPlanFacts } from "@abm-kit/guardrails";
import type { DestinationDefinition } from "../definition/destination-definition.js";
import type { AudienceMembership } from "../definition/membership.js";
import { FileExportOptionsSchema } from "../files/file-export-options.js";
import { accountPeopleMemberships } from "./account-people-memberships.js";
import { ActivationPlanSchema, type ActivationPlanInput } from "./activation-plan.js";

/**
 * The plain facts `validatePlan` of `@abm-kit/guardrails` checks, drawn from a
 * plan, its destination and the audiences' memberships (sizes are the number
 * of distinct member ids given). Every audience of the plan is listed; one
 * whose membership is not given has no size (and no type), so its size rules
 * come back as `"unknown"` warnings rather than being skipped. Without
 * `dataflowsForDestination` the dataflow rule is reported as unknown too.
 * The destination's audience types are listed, and an account audience sent
 * with `people` is marked `sentAsPeople`, so guardrails refuse it for a
 * destination that takes only accounts; its size is the number of its
 * people when `snapshot` and `now` are given (before consent and mapping
 * skips), else unknown.
 */
export function planFacts<Settings>(
  planInput: ActivationPlanInput,
  destination: DestinationDefinition<Settings>,
  audiences: readonly AudienceMembership[],
  options: { dataflowsForDestination?: number; snapshot?: Snapshot; now?: string } = {},
): ActivationPlanFacts {
  const plan = parseOrThrow(ActivationPlanSchema, planInput, "activation plan");
  const targets = new Set([...(plan.mapping.account ?? []), ...(plan.mapping.person ?? [])].map((m) => m.target));
  let exportFileRowLimit: number | undefined;
  if (destination.file !== undefined) {
    const settings = destination.settings.safeParse(plan.destination.settings);
    if (settings.success) exportFileRowLimit = FileExportOptionsSchema.parse(destination.file.options(settings.data)).maxRowsPerFile;
  }
  const people =
    options.snapshot !== undefined && options.now !== undefined ? accountPeopleMemberships(plan, options.snapshot, audiences, options.now) : undefined;
  return {
    destinationId: destination.id,
    limits: destination.limits,
    destinationAudienceTypes: [...destination.audienceTypes],
    // every audience of the plan: one whose membership was not passed has no size, so guardrails report its size rules as unknown
    audiences: plan.audiences.map(({ audienceId, people: option }) => {
      const m = audiences.find((a) => a.audienceId === audienceId);
      if (m === undefined) return option !== undefined ? { audienceId, sentAsPeople: true } : { audienceId };
      if (option === undefined) return { audienceId, type: m.type, size: new Set(m.memberIds).size };
      const size = people?.get(audienceId)?.memberIds.length;
      return { audienceId, type: m.type, sentAsPeople: true, ...(size !== undefined ? { size } : {}) };
    }),
    mappedAttributeCount: targets.size,
    ...(options.dataflowsForDestination !== undefined ? { dataflowsForDestination: options.dataflowsForDestination } : {}),
    ...(exportFileRowLimit !== undefined ? { exportFileRowLimit } : {}),
  };
}
