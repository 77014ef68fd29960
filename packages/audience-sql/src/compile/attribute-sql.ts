import { dateToEpochMs, instantToEpochMs, type FieldType, type ProblemPath } from "@abm-kit/core";
import { trimText, type AttributeCondition, type Literal, type TimePoint } from "@abm-kit/audience";
import { column, fieldType, unknownField, type SqlCompileContext, type SqlScope } from "./context.js";
import { timePointSql, timestampText, windowSql } from "./time-sql.js";

const TRUE = "TRUE";
const FALSE = "FALSE";

function operands(condition: AttributeCondition): Literal[] {
  return condition.values ?? (condition.value === undefined ? [] : [condition.value]);
}

/** `x op v` for the comparison operators over already-typed SQL operands (`in`/`notIn` take every operand). */
function comparison(op: AttributeCondition["op"], x: string, values: string[]): string | undefined {
  const v = values[0] ?? "NULL";
  switch (op) {
    case "eq":
      return `${x} = ${v}`;
    case "neq":
      return `${x} <> ${v}`;
    case "gt":
      return `${x} > ${v}`;
    case "gte":
      return `${x} >= ${v}`;
    case "lt":
      return `${x} < ${v}`;
    case "lte":
      return `${x} <= ${v}`;
    case "between":
      return `${x} >= ${v} AND ${x} <= ${values[1] ?? "NULL"}`;
    case "in":
      return `${x} IN (${values.join(", ")})`;
    case "notIn":
      return `${x} NOT IN (${values.join(", ")})`;
    default:
      return undefined;
  }
}

/** A comparison that is FALSE (not NULL) when the value is missing. */
const orFalse = (expression: string) => `COALESCE((${expression}), FALSE)`;

/**
 * An attribute condition as a boolean SQL expression over `scope`'s row, never
 * NULL: a missing value makes every comparison false; `exists` / `missing`
 * test presence; an unknown field reads as missing. Operands are bound parameters.
 */
export function attributeSql(condition: AttributeCondition, scope: SqlScope, path: ProblemPath, context: SqlCompileContext): string {
  const type = fieldType(scope, condition.field);
  if (type === undefined) {
    unknownField(context, scope, condition.field, path);
    return condition.op === "missing" ? TRUE : FALSE;
  }
  const x = column(context, scope, condition.field);
  if (condition.op === "exists") return `(${x} IS NOT NULL)`;
  if (condition.op === "missing") return `(${x} IS NULL)`;
  const fail = (message: string): string => {
    context.errors.push({ path: [...path, "op"], message: `${scope.label}.${condition.field} is a ${type} field: ${message}`, code: "type_mismatch" });
    return FALSE;
  };
  switch (type) {
    case "string":
      return stringSql(condition, x, fail, context);
    case "multi":
      return multiSql(condition, x, fail, context);
    case "boolean":
      return booleanSql(condition, x, fail, context);
    case "number":
      return numberSql(condition, x, fail, context);
    case "instant":
    case "date":
      return timeSql(condition, x, type, fail, context);
  }
}

type Fail = (message: string) => string;

function stringSql(condition: AttributeCondition, x: string, fail: Fail, context: SqlCompileContext): string {
  const { dialect, params } = context;
  const texts: string[] = [];
  for (const literal of operands(condition)) {
    if (typeof literal === "object") return fail(`${condition.op} needs text operands, not a time point`);
    texts.push(String(literal));
  }
  const ci = condition.caseInsensitive === true;
  const trim = condition.trim === true;
  const norm = (expression: string) => (ci ? `lower(${expression})` : expression);
  // trimmed, then lower-cased, as the evaluators do; operands are trimmed before they are bound
  const value = norm(trim ? dialect.trimText(x) : x);
  if (condition.op === "matches") {
    // the pattern is bound as written: the match itself ignores case
    return orFalse(dialect.regexMatches(value, params.add(texts[0] ?? "", "text"), ci));
  }
  if (!["eq", "neq", "in", "notIn", "gt", "gte", "lt", "lte", "between", "contains", "startsWith", "endsWith"].includes(condition.op)) {
    return fail(`${condition.op} does not apply`);
  }
  const bound = texts.map((t) => norm(params.add(trim ? trimText(t) : t, "text")));
  const first = bound[0] ?? "NULL";
  switch (condition.op) {
    case "eq":
    case "neq":
    case "in":
    case "notIn":
      return orFalse(comparison(condition.op, value, bound)!);
    case "gt":
    case "gte":
    case "lt":
    case "lte":
    case "between":
      return orFalse(
        comparison(
          condition.op,
          dialect.binaryText(value),
          bound.map((b) => dialect.binaryText(b)),
        )!,
      );
    case "contains":
      return orFalse(dialect.contains(value, first));
    case "startsWith":
      return orFalse(dialect.startsWith(value, first));
    case "endsWith":
      return orFalse(dialect.endsWith(value, first));
    default:
      return fail(`${condition.op} does not apply`);
  }
}

function multiSql(condition: AttributeCondition, x: string, fail: Fail, context: SqlCompileContext): string {
  if (condition.op !== "containsAny" && condition.op !== "containsAll") return fail(`${condition.op} does not apply (use containsAny or containsAll)`);
  const ci = condition.caseInsensitive === true;
  const tests = operands(condition).map((v) => context.dialect.arrayHas(x, context.params.add(String(v), "text"), ci));
  return orFalse(tests.join(condition.op === "containsAny" ? " OR " : " AND "));
}

function booleanSql(condition: AttributeCondition, x: string, fail: Fail, context: SqlCompileContext): string {
  const flags: boolean[] = [];
  for (const literal of operands(condition)) {
    if (typeof literal !== "boolean") return fail(`${condition.op} needs boolean operands`);
    flags.push(literal);
  }
  const bound = () => flags.map((f) => context.params.add(f, "boolean"));
  switch (condition.op) {
    case "eq":
    case "in":
      return orFalse(`${x} IN (${bound().join(", ")})`);
    case "neq":
    case "notIn":
      return orFalse(`${x} NOT IN (${bound().join(", ")})`);
    default:
      return fail(`${condition.op} does not apply`);
  }
}

function numberSql(condition: AttributeCondition, x: string, fail: Fail, context: SqlCompileContext): string {
  const numbers: number[] = [];
  for (const literal of operands(condition)) {
    if (typeof literal !== "number") return fail(`${condition.op} needs number operands`);
    numbers.push(literal);
  }
  if (comparison(condition.op, x, []) === undefined) return fail(`${condition.op} does not apply`);
  return orFalse(
    comparison(
      condition.op,
      x,
      numbers.map((n) => context.params.add(n, "number")),
    )!,
  );
}

function parseTime(text: string): number {
  return text.length === 10 ? dateToEpochMs(text) : instantToEpochMs(text);
}

function timeSql(condition: AttributeCondition, x: string, type: Extract<FieldType, "instant" | "date">, fail: Fail, context: SqlCompileContext): string {
  const day = type === "date";
  const asColumnType = (timestamp: string) => (day ? context.dialect.toDate(timestamp) : timestamp);
  if (condition.op === "within") {
    const { from, to } = windowSql(condition.window!, context);
    const parts = [from === undefined ? undefined : `${x} >= ${asColumnType(from)}`, to === undefined ? undefined : `${x} <= ${asColumnType(to)}`].filter(
      (p) => p !== undefined,
    );
    return orFalse(parts.join(" AND "));
  }
  const points = operands(condition);
  for (const literal of points) {
    if (typeof literal === "number" || typeof literal === "boolean") return fail(`${condition.op} needs instants, dates or time points`);
    if (typeof literal === "string" && literal !== "now" && Number.isNaN(parseTime(literal)))
      return fail(`${JSON.stringify(literal)} is not an ISO instant or date`);
  }
  if (comparison(condition.op, x, []) === undefined) return fail(`${condition.op} does not apply`);
  const resolved = points.map((literal) => {
    const timestamp =
      typeof literal === "string"
        ? literal === "now"
          ? context.params.now()
          : context.params.add(timestampText(parseTime(literal)), "timestamp")
        : timePointSql(literal as TimePoint, context);
    return asColumnType(timestamp);
  });
  return orFalse(comparison(condition.op, x, resolved)!);
}
