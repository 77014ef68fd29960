import type { ProblemPath } from "@abm-kit/core";
import type { AndCondition, NotCondition, OrCondition } from "../../definition/condition.js";
import { Bitset } from "../bitset.js";
import type { Scope } from "../compile-context.js";
import type { PlanNode } from "../plan-node.js";

/** `and` / `or` of compiled children: word-wise intersection or union of their row sets. */
export function junctionNode(condition: AndCondition | OrCondition, scope: Scope, path: ProblemPath, children: PlanNode[]): PlanNode {
  const isAnd = condition.kind === "and";
  return {
    condition,
    path,
    scope,
    children,
    compute: (state) => {
      const size = scope.table.size;
      const out = isAnd ? Bitset.full(size) : new Bitset(size);
      for (const child of children) {
        if (isAnd) out.andInPlace(state.bits(child));
        else out.orInPlace(state.bits(child));
      }
      return out;
    },
    explain: (state, row, held) => {
      const holding = children.filter((c) => state.bits(c).has(row)).length;
      return {
        summary: `${condition.kind}: ${holding} of ${children.length} conditions held → ${held ? "held" : "failed"}`,
        descend: children.map((node) => ({ node, row })),
      };
    },
  };
}

/** `not`: the complement of the child's row set (missing values included). */
export function notNode(condition: NotCondition, scope: Scope, path: ProblemPath, child: PlanNode): PlanNode {
  return {
    condition,
    path,
    scope,
    children: [child],
    compute: (state) => state.bits(child).not(),
    explain: (_state, row, held) => ({ summary: `not → ${held ? "held" : "failed"}`, descend: [{ node: child, row }] }),
  };
}
