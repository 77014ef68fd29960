import { parseOrThrow } from "@abm-kit/core";
import { DestinationLimitsSchema, strictestLimits, type DestinationLimits } from "@abm-kit/guardrails";
import type { DestinationDefinition } from "../definition/destination-definition.js";

/**
 * The limits a run works within: the declared ones made stricter by those
 * the settings impose (`limitsFromSettings`), which are validated (a
 * `ValidationError` names each problem).
 */
export function effectiveLimits<Settings>(definition: DestinationDefinition<Settings>, settings: Settings): DestinationLimits {
  if (definition.limitsFromSettings === undefined) return definition.limits;
  const fromSettings = parseOrThrow(
    DestinationLimitsSchema,
    definition.limitsFromSettings(settings),
    `limits from the settings of destination ${definition.id}`,
  );
  return strictestLimits(definition.limits, fromSettings);
}
