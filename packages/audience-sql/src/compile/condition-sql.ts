import type { ProblemPath } from "@abm-kit/core";
import type { Condition } from "@abm-kit/audience";
import { attributeSql } from "./attribute-sql.js";
import { sqlComment } from "./comment.js";
import { formatPathShort } from "./path-text.js";
import { indent, type SqlCompileContext, type SqlScope } from "./context.js";
import { eventSql } from "./event-sql.js";
import { relatedSql } from "./related-sql.js";
import { sequenceSql } from "./sequence-sql.js";

/** What a condition is, in a few words, for the comment above its SQL (no operand values: those are parameters). */
function describe(condition: Condition): string {
  switch (condition.kind) {
    case "attribute":
      return `attribute ${condition.field} ${condition.op}${condition.caseInsensitive ? " (case-insensitive)" : ""}${condition.trim ? " (trimmed)" : ""}`;
    case "and":
    case "or":
      return `${condition.kind} of ${condition.conditions.length}`;
    case "not":
      return "not";
    case "related":
      return `related ${condition.relation} ${condition.aggregate ? `${condition.aggregate.fn}(${condition.aggregate.field})` : (condition.quantifier ?? "some")}`;
    case "event":
      return `event count${condition.countDistinct ? " of distinct people" : ""}${condition.owner ? ` (owner ${condition.owner})` : ""} in window`;
    case "sequence":
      return `sequence of ${condition.steps.length} steps within ${condition.within.amount} ${condition.within.unit}`;
    case "inAudience":
      return `member of audience ${condition.audienceId}`;
  }
}

/**
 * A condition as a boolean SQL expression over `scope`'s current row that is
 * never NULL, so `NOT` negates the whole condition. Each condition is preceded
 * by a comment naming it and its path in the definition.
 */
export function conditionSql(condition: Condition, scope: SqlScope, path: ProblemPath, context: SqlCompileContext): string {
  return `${sqlComment(`${formatPathShort(path)}: ${describe(condition)}`)}\n${bodySql(condition, scope, path, context)}`;
}

function bodySql(condition: Condition, scope: SqlScope, path: ProblemPath, context: SqlCompileContext): string {
  switch (condition.kind) {
    case "attribute":
      return attributeSql(condition, scope, path, context);
    case "and":
    case "or": {
      if (condition.conditions.length === 0) return condition.kind === "and" ? "TRUE" : "FALSE";
      const parts = condition.conditions.map((c, i) => conditionSql(c, scope, [...path, "conditions", i], context));
      const joiner = condition.kind === "and" ? "AND" : "OR";
      return `(\n${parts.map((p, i) => indent(i === 0 ? p : `${joiner}\n${p}`)).join("\n")}\n)`;
    }
    case "not":
      return `NOT (\n${indent(conditionSql(condition.condition, scope, [...path, "condition"], context))}\n)`;
    case "related":
      return relatedSql(condition, scope, path, context, conditionSql);
    case "event":
      return eventSql(condition, scope, path, context);
    case "sequence":
      return sequenceSql(condition, scope, path, context);
    case "inAudience": {
      const reference = context.references.get(condition.audienceId);
      if (reference === undefined) {
        context.errors.push({
          path: [...path, "audienceId"],
          message: `audience ${JSON.stringify(condition.audienceId)} is referenced but was not given`,
          code: "unknown_reference",
        });
        return "FALSE";
      }
      if (reference.type !== scope.kind) {
        context.errors.push({
          path: [...path, "audienceId"],
          message: `audience ${condition.audienceId} lists ${reference.type} rows; here the rows are ${scope.label}`,
          code: "type_mismatch",
        });
        return "FALSE";
      }
      return `(${scope.alias}.id IN (SELECT id FROM ${reference.cte}))`;
    }
  }
}
