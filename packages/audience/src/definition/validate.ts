import { ValidationError, problemsFromZod, type Problem, type ProblemPath } from "@abm-kit/core";
import { AudienceSchema, type Audience } from "./audience.js";
import { MULTI_VALUE_OPS, SINGLE_VALUE_OPS, TEXT_OPS, type AttributeCondition } from "./attribute.js";
import type { Comparator } from "./comparator.js";
import type { Condition } from "./condition.js";
import { relationTarget, type ContextKind } from "./contexts.js";
import { resolveWindow } from "./resolve-time.js";
import type { Window } from "./time.js";

/** A fixed moment used to check that relative windows are not empty. */
const REFERENCE_NOW = Date.UTC(2001, 0, 15, 12);

/**
 * Validates an audience definition: its schema, then what the schema cannot
 * say (relations valid for the context, operands per operator, regular
 * expressions, windows and ranges in order, events only where they have
 * owners). Throws a {@link ValidationError} naming every problem with its path.
 */
export function validateAudience(input: unknown): Audience {
  const parsed = AudienceSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError("audience", problemsFromZod(parsed.error));
  const problems = audienceProblems(parsed.data);
  if (problems.length > 0) throw new ValidationError("audience", problems);
  return parsed.data;
}

/** The semantic problems of a schema-valid audience (empty when there are none). */
export function audienceProblems(audience: Audience): Problem[] {
  const problems: Problem[] = [];
  checkCondition(audience.condition, audience.type, ["condition"], problems);
  return problems;
}

function checkCondition(condition: Condition, context: ContextKind, path: ProblemPath, out: Problem[]): void {
  const problem = (message: string, at: ProblemPath = path, code = "invalid_condition") => out.push({ path: at, message, code });
  switch (condition.kind) {
    case "and":
    case "or":
      condition.conditions.forEach((c, i) => checkCondition(c, context, [...path, "conditions", i], out));
      return;
    case "not":
      checkCondition(condition.condition, context, [...path, "condition"], out);
      return;
    case "attribute":
      checkAttribute(condition, path, out);
      return;
    case "inAudience":
      if (context === "event" || context === "related") problem(`inAudience cannot be used on ${context} rows`);
      return;
    case "related": {
      const target = relationTarget(context, condition.relation);
      if (target === undefined) {
        problem(`relation ${JSON.stringify(condition.relation)} cannot be followed from ${context} rows`, [...path, "relation"], "unknown_relation");
      }
      const hasQuantifier = condition.quantifier !== undefined;
      if (hasQuantifier === (condition.aggregate !== undefined)) problem("a related condition needs exactly one of quantifier and aggregate");
      if (condition.quantifier === "count" && condition.comparator === undefined) problem("quantifier count needs a comparator", [...path, "comparator"]);
      if (condition.quantifier !== "count" && condition.comparator !== undefined) problem("a comparator is only for quantifier count", [...path, "comparator"]);
      if ((condition.quantifier === "all" || condition.quantifier === "allAndAtLeastOne") && condition.where === undefined) {
        problem(`quantifier ${condition.quantifier} needs a where condition`, [...path, "where"]);
      }
      if (condition.comparator) checkComparator(condition.comparator, [...path, "comparator"], out);
      if (condition.aggregate) checkComparator(condition.aggregate.comparator, [...path, "aggregate", "comparator"], out);
      if (condition.where && target !== undefined) checkCondition(condition.where, target, [...path, "where"], out);
      return;
    }
    case "event": {
      if (context !== "account" && context !== "person") problem(`event conditions apply to accounts and persons, not ${context} rows`);
      if (context === "person" && condition.owner !== undefined && condition.owner !== "person") {
        problem("at person level only the person's own events count (owner must be person)", [...path, "owner"]);
      }
      if (condition.countDistinct === "people") {
        if (context !== "account") problem("countDistinct people applies at account level", [...path, "countDistinct"]);
        if (condition.owner === "account") problem("countDistinct people cannot count account-owned events", [...path, "owner"]);
      }
      if (condition.count) checkComparator(condition.count, [...path, "count"], out);
      checkWindow(condition.window, [...path, "window"], out);
      if (condition.where) checkEventWhere(condition.where, [...path, "where"], out);
      return;
    }
    case "sequence":
      if (context !== "account" && context !== "person") problem(`sequence conditions apply to accounts and persons, not ${context} rows`);
      if (context === "person" && condition.samePerson === false) problem("samePerson false applies at account level", [...path, "samePerson"]);
      checkWindow(condition.window, [...path, "window"], out);
      condition.steps.forEach((step, i) => {
        if (step.where) checkEventWhere(step.where, [...path, "steps", i, "where"], out);
      });
      return;
  }
}

/** Conditions on an event's fields: attributes combined with and/or/not only. */
function checkEventWhere(condition: Condition, path: ProblemPath, out: Problem[]): void {
  if (condition.kind === "and" || condition.kind === "or") {
    condition.conditions.forEach((c, i) => checkEventWhere(c, [...path, "conditions", i], out));
  } else if (condition.kind === "not") {
    checkEventWhere(condition.condition, [...path, "condition"], out);
  } else if (condition.kind === "attribute") {
    checkAttribute(condition, path, out);
  } else {
    out.push({ path, message: `a condition on event fields can only use attribute, and, or, not (got ${condition.kind})`, code: "invalid_condition" });
  }
}

function checkAttribute(condition: AttributeCondition, path: ProblemPath, out: Problem[]): void {
  const { op } = condition;
  const problem = (message: string, at: string) => out.push({ path: [...path, at], message, code: "invalid_operand" });
  if (SINGLE_VALUE_OPS.has(op) && condition.value === undefined) problem(`${op} needs a value`, "value");
  if (!SINGLE_VALUE_OPS.has(op) && condition.value !== undefined) problem(`${op} takes no value`, "value");
  if (MULTI_VALUE_OPS.has(op) && (condition.values === undefined || condition.values.length === 0)) problem(`${op} needs a non-empty list of values`, "values");
  if (!MULTI_VALUE_OPS.has(op) && condition.values !== undefined) problem(`${op} takes no values`, "values");
  if (op === "between" && condition.values !== undefined && condition.values.length !== 2) problem("between needs exactly two values [min, max]", "values");
  if (op === "within" && condition.window === undefined) problem("within needs a window", "window");
  if (op !== "within" && condition.window !== undefined) problem(`${op} takes no window`, "window");
  if (condition.caseInsensitive !== undefined && !TEXT_OPS.has(op)) problem(`caseInsensitive does not apply to ${op}`, "caseInsensitive");
  if (["contains", "startsWith", "endsWith", "matches"].includes(op) && condition.value !== undefined && typeof condition.value !== "string") {
    problem(`${op} needs a string value`, "value");
  }
  if ((op === "containsAny" || op === "containsAll") && condition.values?.some((v) => typeof v !== "string")) problem(`${op} needs string values`, "values");
  if (op === "matches" && typeof condition.value === "string") {
    try {
      new RegExp(condition.value);
    } catch {
      problem("not a valid regular expression", "value");
    }
  }
  if (op === "between" && condition.values?.length === 2) {
    const [min, max] = condition.values;
    if (typeof min === "number" && typeof max === "number" && min > max) problem("between needs min <= max", "values");
    if (typeof min === "string" && typeof max === "string" && min > max) problem("between needs min <= max", "values");
  }
  if (condition.window) checkWindow(condition.window, [...path, "window"], out);
}

function checkComparator(comparator: Comparator, path: ProblemPath, out: Problem[]): void {
  if (comparator.op === "between" && comparator.min > comparator.max) out.push({ path, message: "between needs min <= max", code: "invalid_range" });
}

/** A window whose start is after its end (checked when both ends are relative, or both absolute). */
function checkWindow(window: Window, path: ProblemPath, out: Problem[]): void {
  const ends = "between" in window ? window.between : "last" in window ? undefined : [window.from, window.to];
  if (ends === undefined || ends[0] === undefined || ends[1] === undefined) return;
  const absolute = (p: unknown) => typeof p === "object" && p !== null && "at" in p;
  if (absolute(ends[0]) !== absolute(ends[1])) return;
  const { from, to } = resolveWindow(window, REFERENCE_NOW);
  if (from > to) out.push({ path, message: "the window starts after it ends (from > to)", code: "empty_window" });
}
