import type { ProblemPath, Snapshot } from "@abm-kit/core";
import type { Audience, AudienceInput, AudienceType } from "../definition/audience.js";
import type { Condition } from "../definition/condition.js";
import { validateAudience } from "../definition/validate.js";
import { compileFailed, type CompileContext, type Scope } from "./compile-context.js";
import { attributeNode } from "./nodes/attribute-node.js";
import { eventNode } from "./nodes/event-node.js";
import { inAudienceNode } from "./nodes/in-audience-node.js";
import { junctionNode, notNode } from "./nodes/logical-nodes.js";
import { relatedNode } from "./nodes/related-node.js";
import { sequenceNode } from "./nodes/sequence-node.js";
import { Bitset } from "./bitset.js";
import type { Problem } from "@abm-kit/core";
import type { PlanNode } from "./plan-node.js";
import { resolveRelation, scopeOf } from "./relations.js";

/** Options of {@link compileAudience}. */
export interface CompileOptions {
  /** The type of every audience `inAudience` may name (checked against the context). */
  readonly referenceTypes?: ReadonlyMap<string, AudienceType>;
  /** Make unknown fields errors instead of missing values (default false). */
  readonly strict?: boolean;
}

/** An audience compiled against one Snapshot: a tree of plan nodes over its columns. */
export interface CompiledAudience {
  readonly audience: Audience;
  readonly snapshot: Snapshot;
  readonly root: PlanNode;
  /** Problems that did not stop compiling (unknown fields, read as missing). */
  readonly warnings: readonly Problem[];
  /** The ids of the audiences it references, directly. */
  readonly references: readonly string[];
}

/**
 * Validates `audience` and compiles it against `snapshot`: field names are
 * resolved to columns, literals to dictionary codes and epoch ms, relations to
 * adjacency arrays. Throws a `ValidationError` for a bad definition and an
 * `AbmKitError` (`AUDIENCE_COMPILE_FAILED`) naming every problem with its path
 * when it does not fit the snapshot (wrong types, undeclared related tables,
 * unknown references).
 *
 * @example
 * ```ts
 * import { attr, audience, compileAudience } from "@abm-kit/audience";
 * import { buildSnapshot } from "@abm-kit/core";
 *
 * const snapshot = buildSnapshot({ accounts: [{ id: "acc-1", name: "Northwind", industry: "Software" }] }, { asOf: "2026-11-20T12:00:00Z" });
 * const compiled = compileAudience(audience.account("sw", "Software").where(attr.text("industry").eq("Software")), snapshot);
 * console.log(compiled.warnings, compiled.references); // [] []
 * ```
 * @category Evaluate
 */
export function compileAudience(audience: AudienceInput, snapshot: Snapshot, options: CompileOptions = {}): CompiledAudience {
  const valid = validateAudience(audience);
  const context: CompileContext = {
    snapshot,
    referenceTypes: options.referenceTypes ?? new Map(),
    strict: options.strict ?? false,
    errors: [],
    warnings: [],
  };
  const references = new Set<string>();
  const root = compileCondition(valid.condition, scopeOf(snapshot, valid.type), ["condition"], context, references);
  if (context.errors.length > 0) throw compileFailed(valid.id, context.errors);
  return { audience: valid, snapshot, root, warnings: context.warnings, references: [...references] };
}

function compileCondition(condition: Condition, scope: Scope, path: ProblemPath, context: CompileContext, references: Set<string>): PlanNode {
  switch (condition.kind) {
    case "attribute":
      return attributeNode(condition, scope, path, context);
    case "and":
    case "or":
      return junctionNode(
        condition,
        scope,
        path,
        condition.conditions.map((c, i) => compileCondition(c, scope, [...path, "conditions", i], context, references)),
      );
    case "not":
      return notNode(condition, scope, path, compileCondition(condition.condition, scope, [...path, "condition"], context, references));
    case "related": {
      const relation = resolveRelation(context.snapshot, scope, condition.relation);
      if (typeof relation === "string") {
        context.errors.push({ path: [...path, "relation"], message: relation, code: "unknown_relation" });
        return constantNode(condition, scope, path);
      }
      const where = condition.where ? compileCondition(condition.where, relation.target, [...path, "where"], context, references) : undefined;
      return relatedNode(condition, scope, path, relation, where, context);
    }
    case "event":
      return eventNode(condition, scope, path, context);
    case "sequence":
      return sequenceNode(condition, scope, path, context);
    case "inAudience": {
      const type = context.referenceTypes.get(condition.audienceId);
      if (type === undefined) {
        context.errors.push({
          path: [...path, "audienceId"],
          message: `audience ${JSON.stringify(condition.audienceId)} is referenced but was not given`,
          code: "unknown_reference",
        });
      } else if (type !== scope.kind) {
        context.errors.push({
          path: [...path, "audienceId"],
          message: `audience ${condition.audienceId} lists ${type} rows; here the rows are ${scope.label}`,
          code: "type_mismatch",
        });
      }
      references.add(condition.audienceId);
      return inAudienceNode(condition, scope, path);
    }
  }
}

/** A node standing for a condition that failed to compile (compiling then throws). */
function constantNode(condition: Condition, scope: Scope, path: ProblemPath): PlanNode {
  return { condition, path, scope, children: [], compute: () => new Bitset(scope.table.size), explain: () => ({ summary: "not compiled" }) };
}
