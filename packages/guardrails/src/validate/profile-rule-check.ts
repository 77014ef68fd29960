import { RULE_CATALOG, type RuleId } from "../limits/rule-catalog.js";
import type { LimitProfile } from "../limits/limit-profile.js";
import type { Finding } from "./finding.js";

/** Where a measured value sits, for {@link checkProfileRule}. */
export interface Measurement {
  readonly path: string;
  readonly actual: number;
  readonly audienceId?: string;
  /** Extra words for the message (what was measured). */
  readonly detail?: string;
}

/**
 * Checks one measurement against a profile rule; returns a finding when the
 * rule is on and broken, else undefined. `forbid` rules are broken by any
 * actual value above 0 (the number of uses).
 */
export function checkProfileRule(profile: LimitProfile, ruleId: RuleId, m: Measurement): Finding | undefined {
  const setting = profile.rules[ruleId];
  if (setting.severity === "off") return undefined;
  const rule = RULE_CATALOG[ruleId];
  const detail = m.detail === undefined ? "" : ` (${m.detail})`;
  const where = m.audienceId === undefined ? "" : ` in audience ${JSON.stringify(m.audienceId)}`;
  const base = { ruleId, severity: setting.severity, path: m.path, actual: m.actual };
  const audience = m.audienceId === undefined ? {} : { audienceId: m.audienceId };
  if (rule.kind === "forbid") {
    if (m.actual <= 0) return undefined;
    return {
      ...base,
      ...audience,
      limit: false,
      actual: true,
      message: `${profile.name}: ${rule.title} is not supported${where}${detail}`,
    };
  }
  const limit = setting.limit ?? Number.POSITIVE_INFINITY;
  const broken = rule.kind === "max" ? m.actual > limit : m.actual < limit;
  if (!broken) return undefined;
  const bound = rule.kind === "max" ? "at most" : "at least";
  return {
    ...base,
    ...audience,
    limit,
    message: `${profile.name}: ${rule.title} must be ${bound} ${limit}, found ${m.actual}${where}${detail}`,
  };
}
