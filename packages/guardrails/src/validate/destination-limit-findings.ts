import type { DestinationLimits } from "../limits/destination-limits.js";
import type { Finding } from "./finding.js";

/** What {@link destinationLimitFindings} checks. */
export interface DestinationLimitFacts {
  readonly limits: DestinationLimits;
  /** Audiences with their sizes (members to send), when known. */
  readonly audiences: readonly { readonly audienceId: string; readonly size?: number | undefined }[];
  /** Attributes the mapping sends. */
  readonly mappedAttributeCount?: number;
  /** Where the mapped-attribute count sits in the caller's input (default `mappedAttributeCount`). */
  readonly mappedAttributePath?: string;
}

/**
 * The one place a destination's size and attribute limits are checked:
 * audiences below `minAudienceSize` or above `maxAudienceSize` (an unknown
 * size is a `warning` with `actual: "unknown"`), and a mapping above
 * `maxMappedAttributes`. `origin(key)` names where a limit came from, for
 * messages. `validatePlan` uses it before a run, `activate` during one.
 */
export function destinationLimitFindings(facts: DestinationLimitFacts, origin: (key: keyof DestinationLimits) => string): Finding[] {
  const { limits } = facts;
  const findings: Finding[] = [];
  facts.audiences.forEach((audience, index) => {
    const path = `audiences[${index}].size`;
    const { audienceId, size } = audience;
    const min = limits.minAudienceSize;
    const max = limits.maxAudienceSize;
    const matched = limits.minAudienceSizeCounts === "matched";
    if (size === undefined) {
      const unchecked = [
        { ruleId: "destination.minAudienceSize", key: "minAudienceSize", bound: "minimum", limit: min, what: matched ? "matched members" : "members" },
        { ruleId: "destination.maxAudienceSize", key: "maxAudienceSize", bound: "maximum", limit: max, what: "members" },
      ] as const;
      for (const { ruleId, key, bound, limit, what } of unchecked) {
        if (limit === undefined) continue;
        findings.push({
          ruleId,
          severity: "warning",
          path,
          limit,
          actual: "unknown",
          audienceId,
          message: `the size of audience ${JSON.stringify(audienceId)} is unknown, so the ${bound} of ${limit} ${what} (${origin(key)}) was not checked: evaluate the audience and pass its size`,
        });
      }
      return;
    }
    if (min !== undefined && size < min) {
      const counted = matched ? ` matched members; the destination matches only some of the members sent, so ${size} can never reach it` : "";
      findings.push({
        ruleId: "destination.minAudienceSize",
        severity: "error",
        path,
        limit: min,
        actual: size,
        audienceId,
        message: `audience ${JSON.stringify(audienceId)} has ${size} members to send; ${origin("minAudienceSize")} needs at least ${min}${counted}`,
      });
    }
    if (max !== undefined && size > max) {
      findings.push({
        ruleId: "destination.maxAudienceSize",
        severity: "error",
        path,
        limit: max,
        actual: size,
        audienceId,
        message: `audience ${JSON.stringify(audienceId)} has ${size} members; ${origin("maxAudienceSize")} takes at most ${max}`,
      });
    }
  });

  const maxMapped = limits.maxMappedAttributes;
  const mapped = facts.mappedAttributeCount;
  if (maxMapped !== undefined && mapped !== undefined && mapped > maxMapped) {
    findings.push({
      ruleId: "destination.maxMappedAttributes",
      severity: "error",
      path: facts.mappedAttributePath ?? "mappedAttributeCount",
      limit: maxMapped,
      actual: mapped,
      message: `the mapping sends ${mapped} attributes; ${origin("maxMappedAttributes")} takes at most ${maxMapped}`,
    });
  }

  return findings;
}
