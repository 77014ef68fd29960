import type { ProblemPath } from "@abm-kit/core";
import type { AttributeCondition } from "../../definition/attribute.js";
import { compileAttributeTest } from "../attribute-test.js";
import { Bitset } from "../bitset.js";
import type { CompileContext, Scope } from "../compile-context.js";
import type { PlanNode } from "../plan-node.js";
import { columnOf } from "../synthetic-columns.js";

/** Compiles an attribute condition over a scope's rows. */
export function attributeNode(condition: AttributeCondition, scope: Scope, path: ProblemPath, context: CompileContext): PlanNode {
  const factory = compileAttributeTest(condition, scope.table, scope.label, path, context);
  return {
    condition,
    path,
    scope,
    children: [],
    compute: (state) => (factory.scan ? factory.scan(state.now, scope.table.size) : Bitset.fromTest(scope.table.size, factory(state.now))),
    explain: (_state, row, held) => {
      const value = columnOf(scope.table, condition.field)?.value(row) ?? null;
      const operand = condition.values ?? condition.value ?? condition.window;
      return {
        summary: `${scope.label}.${condition.field} ${condition.op}${operand === undefined ? "" : ` ${JSON.stringify(operand)}`}: value ${JSON.stringify(value)} → ${held ? "held" : "failed"}`,
        evidence: { field: condition.field, value },
      };
    },
  };
}
