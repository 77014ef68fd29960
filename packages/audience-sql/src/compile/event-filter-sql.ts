import type { ProblemPath } from "@abm-kit/core";
import type { Condition } from "@abm-kit/audience";
import { TABLE_NAMES } from "../layout/table-names.js";
import { attributeSql } from "./attribute-sql.js";
import { fieldColumn, type SqlCompileContext, type SqlScope } from "./context.js";

/** The scope of person or account events under `alias`. */
export function eventScope(context: SqlCompileContext, owner: "person" | "account", alias: string): SqlScope {
  const table = owner === "person" ? "personEvents" : "accountEvents";
  return { kind: "event", alias, fields: context.layout[table], hasIds: true, label: "event" };
}

/** `person_events AS e` or `account_events AS e`. */
export function eventFrom(context: SqlCompileContext, owner: "person" | "account", alias: string): string {
  return `${context.dialect.quote(owner === "person" ? TABLE_NAMES.personEvents : TABLE_NAMES.accountEvents)} AS ${alias}`;
}

/** A condition on an event's fields (attribute, and, or, not) as SQL over `scope`. */
export function eventWhereSql(condition: Condition, scope: SqlScope, path: ProblemPath, context: SqlCompileContext): string {
  switch (condition.kind) {
    case "attribute":
      return attributeSql(condition, scope, path, context);
    case "and":
    case "or": {
      if (condition.conditions.length === 0) return condition.kind === "and" ? "TRUE" : "FALSE";
      const parts = condition.conditions.map((c, i) => eventWhereSql(c, scope, [...path, "conditions", i], context));
      return `(${parts.join(condition.kind === "and" ? " AND " : " OR ")})`;
    }
    case "not":
      return `(NOT ${eventWhereSql(condition.condition, scope, [...path, "condition"], context)})`;
    default:
      context.errors.push({
        path,
        message: `a condition on event fields can only use attribute, and, or, not (got ${condition.kind})`,
        code: "invalid_condition",
      });
      return "FALSE";
  }
}

/**
 * Which events count: of the given types, at or after `from`, at or before
 * `to` and `now` (later events never count), passing `where`.
 */
export function eventFilterSql(
  types: readonly string[],
  where: Condition | undefined,
  window: { from?: string; to?: string },
  scope: SqlScope,
  path: ProblemPath,
  context: SqlCompileContext,
): string {
  const e = scope.alias;
  const time = fieldColumn(context, e, scope.fields, "occurredAt");
  const parts = [
    `${fieldColumn(context, e, scope.fields, "type")} IN (${types.map((t) => context.params.add(t, "text")).join(", ")})`,
    ...(window.from === undefined ? [] : [`${time} >= ${window.from}`]),
    ...(window.to === undefined ? [] : [`${time} <= ${window.to}`]),
    `${time} <= ${context.params.now()}`,
  ];
  if (where) parts.push(eventWhereSql(where, scope, [...path, "where"], context));
  return parts.join("\n  AND ");
}
