import type { ProblemPath } from "@abm-kit/core";
import type { Condition, RelatedCondition } from "@abm-kit/audience";
import { comparatorSql } from "./comparator-sql.js";
import { column, fieldType, indent, unknownField, type SqlCompileContext, type SqlScope } from "./context.js";
import { relationSql } from "./relations-sql.js";

type CompileCondition = (condition: Condition, scope: SqlScope, path: ProblemPath, context: SqlCompileContext) => string;

/**
 * A condition on related rows as correlated subqueries: `some` / `none` as
 * (NOT) EXISTS, `all` as NOT EXISTS of a non-matching row (true over zero
 * rows), `count` and aggregates as scalar subqueries compared to a bound number.
 */
export function relatedSql(condition: RelatedCondition, scope: SqlScope, path: ProblemPath, context: SqlCompileContext, compile: CompileCondition): string {
  const relation = relationSql(context, scope, condition.relation);
  if (typeof relation === "string") {
    context.errors.push({ path: [...path, "relation"], message: relation, code: "unknown_relation" });
    return "FALSE";
  }
  const { target, tables, link } = relation;
  const where = condition.where ? `(\n${indent(compile(condition.where, target, [...path, "where"], context))}\n)` : "TRUE";
  const select = (what: string, test: string) => `(\n  SELECT ${what}\n  FROM ${tables}\n  WHERE ${link}\n    AND ${test.replace(/\n/g, "\n    ")}\n)`;
  if (condition.aggregate) {
    const { fn, field, comparator } = condition.aggregate;
    const type = fieldType(target, field);
    if (type === undefined) {
      unknownField(context, target, field, [...path, "aggregate"]);
      return fn === "sum" || fn === "countDistinct" ? comparatorSql("0", comparator, context) : "FALSE";
    }
    if (fn !== "countDistinct" && type !== "number" && type !== "instant" && type !== "date") {
      context.errors.push({
        path: [...path, "aggregate", "field"],
        message: `${fn} needs a number, instant or date field; ${target.label}.${field} is ${type}`,
        code: "type_mismatch",
      });
      return "FALSE";
    }
    const x = column(context, target, field);
    if (fn === "countDistinct") {
      if (type === "multi") {
        const elements = context.dialect.arrayElements(x, tables, `${link} AND ${where.replace(/\n/g, "\n  ")}`);
        return comparatorSql(`(SELECT COUNT(DISTINCT v) FROM (\n  ${elements}\n) AS elements)`, comparator, context);
      }
      return comparatorSql(select(`COUNT(DISTINCT ${x})`, where), comparator, context);
    }
    const value = type === "number" ? x : context.dialect.epochMs(x, type as "instant" | "date");
    const aggregate = fn === "sum" ? `COALESCE(SUM(${value}), 0)` : `${fn.toUpperCase()}(${value})`;
    return comparatorSql(select(context.dialect.toDouble(aggregate), where), comparator, context);
  }
  switch (condition.quantifier ?? "some") {
    case "some":
      return `EXISTS ${select("1", where)}`;
    case "none":
      return `NOT EXISTS ${select("1", where)}`;
    case "all":
      return `NOT EXISTS ${select("1", `NOT ${where}`)}`;
    case "allAndAtLeastOne":
      return `(NOT EXISTS ${select("1", `NOT ${where}`)}\n AND EXISTS ${select("1", "TRUE")})`;
    case "count":
      return comparatorSql(select("COUNT(*)", where), condition.comparator!, context);
  }
}
