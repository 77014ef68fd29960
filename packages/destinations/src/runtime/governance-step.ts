import type { DataUsageLabel } from "@abm-kit/core";
import { checkGovernance, type GovernanceFieldUse } from "@abm-kit/guardrails";
import type { DestinationDefinition } from "../definition/destination-definition.js";
import type { FieldMapping } from "../mapping/field-mapping.js";

import type { ActivationPlan } from "./activation-plan.js";

/** What governance decided for a run. */
export interface GovernanceOutcome {
  readonly governance: ReturnType<typeof checkGovernance>;
  /** `type.target` of each mapping a blocking policy dropped. */
  readonly droppedTargets: string[];
  /** The dropped targets the destination requires (the run is refused when there is one). */
  readonly blockedRequired: string[];
  /** The mapping left to send, per audience type. */
  readonly effectiveMapping: Record<"account" | "person", FieldMapping[]>;
}

/**
 * Checks the plan's mapped fields against its governance policies for the
 * destination's marketing actions, and drops the mappings a policy blocks.
 */
export function governanceStep<Settings>(
  plan: ActivationPlan,
  destination: DestinationDefinition<Settings>,
  /** The labels of a mapping source (the Snapshot's columns', and those every member source gives it). */
  labelsOf: (source: string) => readonly DataUsageLabel[],
): GovernanceOutcome {
  // Governance: mapped fields whose labels a policy denies for the destination's marketing actions.
  const fieldUses: GovernanceFieldUse[] = [];
  for (const type of ["account", "person"] as const) {
    (plan.mapping[type] ?? []).forEach((m, index) => {
      if (m.source !== undefined) fieldUses.push({ path: `mapping.${type}[${index}].source`, labels: labelsOf(m.source), role: "mapping" });
    });
  }
  const governance = checkGovernance({ policies: plan.governance.policies, actions: destination.marketingActions, fields: fieldUses });
  const blockedPaths = new Set(governance.violations.filter((v) => v.enforcement === "block").map((v) => v.path));
  const droppedTargets: string[] = [];
  const effectiveMapping: Record<"account" | "person", FieldMapping[]> = { account: [], person: [] };
  for (const type of ["account", "person"] as const) {
    (plan.mapping[type] ?? []).forEach((m, index) => {
      if (blockedPaths.has(`mapping.${type}[${index}].source`)) droppedTargets.push(`${type}.${m.target}`);
      else effectiveMapping[type].push(m);
    });
  }

  const blockedRequired = droppedTargets.filter((t) => {
    const [type, name] = t.split(".") as ["account" | "person", string];
    return (destination.mappingTargets[type] ?? []).some((target) => target.name === name && target.required);
  });
  return { governance, droppedTargets, blockedRequired, effectiveMapping };
}
