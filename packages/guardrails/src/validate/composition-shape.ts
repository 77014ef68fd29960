import type { Composition, CompositionNode } from "@abm-kit/audience";
import type { CompositionFacts } from "./composition-facts.js";

/** The one linear shape the blueprint platform composes: audience, then optional exclude, enrich, and rank or split. */
const BLUEPRINT_SHAPE = /^audience( exclude)?( enrich)?( (rank|split))?$/;

/** Whether a block list has the blueprint platform's shape. */
export function factsHaveBlueprintShape(facts: CompositionFacts): boolean {
  return BLUEPRINT_SHAPE.test(facts.blocks.map((b) => b.kind).join(" "));
}

const isAudience = (node: CompositionNode) => node.kind === "audience" || node.kind === "definition";
const isCore = (node: CompositionNode) => isAudience(node) || (node.kind === "exclude" && isAudience(node.from) && node.exclude.every(isAudience));

/**
 * Whether a composition definition has the blueprint platform's shape: one
 * audience, optionally minus excluded audiences, then either a rank or a
 * percentage/attribute split (not both), optionally enriched. Unions,
 * intersections, nested operations and priority lists are abm-kit's own.
 */
export function compositionHasBlueprintShape(composition: Composition): boolean {
  const members = composition.members;
  const ranked = members.kind === "rank";
  const core = ranked ? isCore(members.input) : isCore(members);
  if (!core) return false;
  if (composition.split === undefined) return true;
  return !ranked && composition.split.by !== "priority";
}

/** A composition definition as blocks, in tree order (each node, then split, then enrich). */
export function compositionToFacts(composition: Composition): CompositionFacts {
  const blocks: CompositionFacts["blocks"] = [];
  const visit = (node: CompositionNode): void => {
    switch (node.kind) {
      case "audience":
        blocks.push({ kind: "audience", audienceIds: [node.audienceId] });
        return;
      case "definition":
        blocks.push({ kind: "audience", audienceIds: [node.audience.id] });
        return;
      case "union":
      case "intersect":
        blocks.push({ kind: node.kind });
        node.inputs.forEach(visit);
        return;
      case "exclude":
        blocks.push({ kind: "exclude" });
        visit(node.from);
        node.exclude.forEach(visit);
        return;
      case "rank":
        blocks.push({ kind: "rank" });
        visit(node.input);
        return;
    }
  };
  visit(composition.members);
  if (composition.split !== undefined) {
    if (composition.split.by === "priority") {
      blocks.push({ kind: "priorityList" });
      composition.split.tiers.forEach((tier) => visit(tier.members));
    } else {
      blocks.push({ kind: "split" });
    }
  }
  if (composition.enrich !== undefined) blocks.push({ kind: "enrich" });
  return { id: composition.id, name: composition.name, type: composition.type, blocks };
}
