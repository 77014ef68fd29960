/**
 * One thing a guardrail found: which rule, how serious, where, the limit and
 * the actual value. When a size rule cannot be checked because the size is not
 * known, the finding is a `warning` whose `actual` is the string `"unknown"`.
 */
export interface Finding {
  /** The rule: a profile rule id (`accountAudience.entitySwitches`) or a destination rule (`destination.minAudienceSize`). */
  readonly ruleId: string;
  readonly severity: "error" | "warning";
  /** What is wrong, for a person to read. */
  readonly message: string;
  /** Where, from the root of the validated value (`condition.conditions[2]`, `audiences[0].size`). */
  readonly path: string;
  /** The limit broken (`true` for a forbidden feature). */
  readonly limit: number | string | boolean | null;
  /** The actual value (`"unknown"` when a size was not given). */
  readonly actual: number | string | boolean | null;
  /** The audience the finding is about, when there is one. */
  readonly audienceId?: string;
}

/** True when any finding is an error (the plan or audience should be refused). */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === "error");
}
