import type { Problem, ProblemPath } from "@abm-kit/core";
import { checkConditionDepth } from "../definition/condition-depth.js";
import { arrayEntries, limitNesting } from "../definition/nesting.js";

/**
 * How deep composition nodes may nest (`union` / `intersect` inputs, `exclude`
 * `from` and `exclude`, `rank` input; each node one level). Conditions inside
 * (an inline audience's, an aggregate's or event count's `where`) have their
 * own limit, `MAX_CONDITION_DEPTH`.
 */
export const MAX_COMPOSITION_DEPTH = 64;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The `where` of a raw member value, with its path. */
function* valueWhere(value: unknown, path: ProblemPath): Iterable<readonly [ProblemPath, unknown]> {
  if (isRecord(value) && value.where !== undefined) yield [[...path, "where"], value.where];
}

/**
 * The nesting problems of a raw composition (at `path`): node trees deeper than
 * {@link MAX_COMPOSITION_DEPTH}, conditions deeper than `MAX_CONDITION_DEPTH`.
 * Walks without recursion, so any input is safe to look at.
 */
export function compositionDepthProblems(input: unknown, path: ProblemPath): Problem[] {
  if (!isRecord(input)) return [];
  const conditions: Array<readonly [ProblemPath, unknown]> = [];
  const nodeChildren = function* (node: Record<string, unknown>, at: ProblemPath): Iterable<readonly [ProblemPath, unknown]> {
    yield* arrayEntries(node, "inputs");
    if ("from" in node) yield [["from"], node.from];
    yield* arrayEntries(node, "exclude");
    if ("input" in node) yield [["input"], node.input];
    if (node.kind === "definition" && isRecord(node.audience)) conditions.push([[...at, "audience", "condition"], node.audience.condition]);
    if (node.kind === "rank") conditions.push(...valueWhere(node.by, [...at, "by"]));
  };
  const problems: Problem[] = [];
  const roots: Array<readonly [ProblemPath, unknown]> = [[[...path, "members"], input.members]];
  if (isRecord(input.split)) {
    for (const [at, tier] of arrayEntries(input.split, "tiers")) if (isRecord(tier)) roots.push([[...path, "split", ...at, "members"], tier.members]);
  }
  for (const [at, root] of roots) problems.push(...limitNesting(root, at, nodeChildren, MAX_COMPOSITION_DEPTH, undefined, "composition nodes").problems);
  for (const [at, entry] of arrayEntries(input, "enrich")) if (isRecord(entry)) conditions.push(...valueWhere(entry.value, [...path, ...at, "value"]));
  for (const [at, condition] of conditions) problems.push(...checkConditionDepth(condition, at).problems);
  return problems;
}
