import type { ProblemPath, Table } from "@abm-kit/core";
import type { Condition } from "../definition/condition.js";
import { compileAttributeTest, type RowTest, type RowTestFactory } from "./attribute-test.js";
import type { CompileContext } from "./compile-context.js";

/**
 * Compiles a condition made of attribute, and, or, not (an event's `where`)
 * into a per-row test over `table`, for use inside event windows.
 */
export function compileRowTest(condition: Condition, table: Table<string>, label: string, path: ProblemPath, context: CompileContext): RowTestFactory {
  switch (condition.kind) {
    case "attribute":
      return compileAttributeTest(condition, table, label, path, context);
    case "and":
    case "or": {
      const parts = condition.conditions.map((c, i) => compileRowTest(c, table, label, [...path, "conditions", i], context));
      const isAnd = condition.kind === "and";
      return (now) => {
        const tests = parts.map((p) => p(now));
        const test: RowTest = (row) => {
          for (let i = 0; i < tests.length; i++) if (tests[i]!(row) !== isAnd) return !isAnd;
          return isAnd;
        };
        return test;
      };
    }
    case "not": {
      const inner = compileRowTest(condition.condition, table, label, [...path, "condition"], context);
      return (now) => {
        const test = inner(now);
        return (row) => !test(row);
      };
    }
    default:
      context.errors.push({
        path,
        message: `a condition on event fields can only use attribute, and, or, not (got ${condition.kind})`,
        code: "invalid_condition",
      });
      return () => () => false;
  }
}
