import { parseOrThrow } from "@abm-kit/core";
import { CompositionSchema, type Composition } from "@abm-kit/audience";
import { resolveProfile } from "../limits/resolve-profile.js";
import { CompositionFactsSchema, type CompositionFacts } from "./composition-facts.js";
import { compositionHasBlueprintShape, compositionToFacts, factsHaveBlueprintShape } from "./composition-shape.js";
import type { Finding } from "./finding.js";
import { checkProfileRule } from "./profile-rule-check.js";
import type { EvaluationMode } from "./validate-audience-limits.js";
import type { ValidateOptions } from "./validate-plan.js";

/** Options of {@link validateComposition}: the profile, and how the composition is to be evaluated. */
export interface ValidateCompositionOptions extends ValidateOptions {
  /** `batch` (the default) or `streaming`; the blueprint platform evaluates compositions in batches only. */
  readonly evaluation?: EvaluationMode;
}

/**
 * Checks a composition — a composition definition of `@abm-kit/audience`
 * (it has `members`), or plain {@link CompositionFacts} (a block list) —
 * against the profile's composition rules: the number of blocks (every node
 * of the tree, plus the split and the enrich), whether account audiences may
 * be composed, and whether it has the one shape the blueprint platform
 * supports (abm-kit composes more freely, so those two are warnings in
 * `blueprint`), and — with `evaluation: "streaming"` — that compositions are
 * batch-only (an error in `blueprint`: abm-kit evaluates them in batches too).
 * Invalid input or profile raise a `ValidationError` naming each problem.
 */
export function validateComposition(composition: Composition | CompositionFacts, options: ValidateCompositionOptions): Finding[] {
  const isDefinition = typeof composition === "object" && composition !== null && "members" in composition;
  let facts: CompositionFacts;
  let shaped: boolean;
  if (isDefinition) {
    const definition = parseOrThrow(CompositionSchema, composition, "composition");
    facts = compositionToFacts(definition);
    shaped = compositionHasBlueprintShape(definition);
  } else {
    facts = parseOrThrow(CompositionFactsSchema, composition, "composition");
    shaped = factsHaveBlueprintShape(facts);
  }
  const profile = resolveProfile(options?.profile);
  const findings: Finding[] = [];
  const push = (finding: Finding | undefined) => {
    if (finding !== undefined) findings.push(finding);
  };
  const detail = `composition ${JSON.stringify(facts.id)}`;
  const blocksPath = isDefinition ? "members" : "blocks";
  push(checkProfileRule(profile, "composition.blocks", { path: blocksPath, actual: facts.blocks.length, detail }));
  if (facts.type === "account") {
    push(checkProfileRule(profile, "composition.accountAudiences", { path: "type", actual: 1, detail }));
  }
  if (!shaped) {
    const shape = facts.blocks.map((b) => b.kind).join(" ");
    const finding = checkProfileRule(profile, "composition.shape", { path: blocksPath, actual: 1, detail: `${detail}: ${shape}` });
    push(finding === undefined ? undefined : { ...finding, actual: shape });
  }
  if (options.evaluation === "streaming") {
    push(checkProfileRule(profile, "composition.streaming", { path: "(root)", actual: 1, detail: `${detail}: compositions are evaluated in batches` }));
  }
  return findings;
}
