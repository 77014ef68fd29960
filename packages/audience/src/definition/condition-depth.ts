import type { ProblemPath } from "@abm-kit/core";
import { arrayEntries, limitNesting, type NestingCheck } from "./nesting.js";

/**
 * How deep conditions may nest: a condition and the conditions under it
 * (`and` / `or` / `not`, a related or event `where`, a sequence step's `where`)
 * count one level each. Deeper definitions are refused with code `too_deep`.
 */
export const MAX_CONDITION_DEPTH = 64;

/** A condition put in place of one nested too deep, so the rest can still be checked. */
const PLACEHOLDER = Object.freeze({ kind: "and", conditions: Object.freeze([]) });

/** The conditions directly under a raw condition. */
export function* conditionChildren(node: Record<string, unknown>): Iterable<readonly [ProblemPath, unknown]> {
  yield* arrayEntries(node, "conditions");
  if ("condition" in node) yield [["condition"], node.condition];
  if ("where" in node) yield [["where"], node.where];
  for (const [path, step] of arrayEntries(node, "steps")) {
    if (typeof step === "object" && step !== null && "where" in step) yield [[...path, "where"], (step as { where: unknown }).where];
  }
}

/** Checks the nesting of a raw condition (at `path`) against {@link MAX_CONDITION_DEPTH}. */
export function checkConditionDepth(condition: unknown, path: ProblemPath): NestingCheck {
  return limitNesting(condition, path, conditionChildren, MAX_CONDITION_DEPTH, PLACEHOLDER, "conditions");
}

/** Checks the condition of a raw audience definition; the pruned copy is the whole definition. */
export function checkAudienceDepth(input: unknown, path: ProblemPath = []): NestingCheck {
  if (typeof input !== "object" || input === null || !("condition" in input)) return { problems: [], pruned: input };
  const check = checkConditionDepth((input as { condition: unknown }).condition, [...path, "condition"]);
  if (check.problems.length === 0) return { problems: [], pruned: input };
  return { problems: check.problems, pruned: { ...input, condition: check.pruned } };
}
