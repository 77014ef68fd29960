import { ValidationError, formatPath, type Problem, type ProblemPath } from "@abm-kit/core";
import type { z } from "zod";
import { AudienceSchema, AudienceTypeSchema, type Audience } from "./audience.js";
import { AttributeConditionSchema, MULTI_VALUE_OPS, SINGLE_VALUE_OPS, TEXT_OPS, TRIM_OPS, type AttributeCondition } from "./attribute.js";
import { ComparatorSchema, type Comparator } from "./comparator.js";
import { AggregateSchema, QuantifierSchema, RelationNameSchema } from "./condition.js";
import { checkAudienceDepth } from "./condition-depth.js";
import { relationTarget, type ContextKind } from "./contexts.js";
import { regexPatternProblem } from "./regex-pattern.js";
import { resolveWindow } from "./resolve-time.js";
import { WindowSchema, type Window } from "./time.js";
import { zodProblems } from "./zod-problems.js";

const CONDITION_KINDS = new Set<unknown>(["attribute", "and", "or", "not", "related", "event", "sequence", "inAudience"]);

/** A fixed moment used to check that relative windows are not empty. */
const REFERENCE_NOW = Date.UTC(2001, 0, 15, 12);

/** A value's parse by `schema`, or undefined when it does not pass (its problems come from the schema check). */
function valid<S extends z.ZodType>(schema: S, value: unknown): z.output<S> | undefined {
  const result = schema.safeParse(value);
  return result.success ? result.data : undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Validates an audience definition: its schema and, in the same pass, what the
 * schema cannot say (relations valid for the context, operands per operator,
 * regular expressions in the portable subset, windows and ranges in order,
 * events only where they have owners, conditions nested at most
 * {@link MAX_CONDITION_DEPTH} deep). Throws one {@link ValidationError} naming
 * every problem with its path.
 */
export function validateAudience(input: unknown): Audience {
  const depth = checkAudienceDepth(input);
  const parsed = AudienceSchema.safeParse(depth.pruned);
  const problems = [...depth.problems, ...(parsed.success ? [] : zodProblems(parsed.error))];
  for (const problem of rawAudienceProblems(depth.pruned)) {
    if (!problems.some((p) => p.message === problem.message && formatPath(p.path) === formatPath(problem.path))) problems.push(problem);
  }
  if (problems.length > 0 || !parsed.success) throw new ValidationError("audience", problems);
  return parsed.data;
}

/** The semantic problems of a schema-valid audience (empty when there are none). */
export function audienceProblems(audience: Audience): Problem[] {
  return rawAudienceProblems(audience);
}

/**
 * The semantic problems of a definition that may not pass its schema: each
 * node's own checks run on the parts of it that are well formed, so schema and
 * semantic problems are reported together.
 */
function rawAudienceProblems(input: unknown): Problem[] {
  const problems: Problem[] = [];
  if (!isRecord(input)) return problems;
  const context = valid(AudienceTypeSchema, input.type);
  checkCondition(input.condition, context, ["condition"], problems);
  return problems;
}

function checkCondition(condition: unknown, context: ContextKind | undefined, path: ProblemPath, out: Problem[]): void {
  if (!isRecord(condition)) return;
  const problem = (message: string, at: ProblemPath = path, code = "invalid_condition") => out.push({ path: at, message, code });
  switch (condition.kind) {
    case "and":
    case "or":
      if (Array.isArray(condition.conditions)) condition.conditions.forEach((c, i) => checkCondition(c, context, [...path, "conditions", i], out));
      return;
    case "not":
      checkCondition(condition.condition, context, [...path, "condition"], out);
      return;
    case "attribute": {
      const attribute = valid(AttributeConditionSchema, condition);
      if (attribute) checkAttribute(attribute, path, out);
      return;
    }
    case "inAudience":
      if (context === "event" || context === "related") problem(`inAudience cannot be used on ${context} rows`);
      return;
    case "related": {
      const relation = valid(RelationNameSchema, condition.relation);
      const target = relation === undefined || context === undefined ? undefined : relationTarget(context, relation);
      if (relation !== undefined && context !== undefined && target === undefined) {
        problem(`relation ${JSON.stringify(relation)} cannot be followed from ${context} rows`, [...path, "relation"], "unknown_relation");
      }
      const quantifier = valid(QuantifierSchema, condition.quantifier);
      const hasQuantifier = condition.quantifier !== undefined;
      if (hasQuantifier === (condition.aggregate !== undefined)) problem("a related condition needs exactly one of quantifier and aggregate");
      if (quantifier === "count" && condition.comparator === undefined) problem("quantifier count needs a comparator", [...path, "comparator"]);
      if ((condition.quantifier === undefined || (quantifier !== undefined && quantifier !== "count")) && condition.comparator !== undefined)
        problem("a comparator is only for quantifier count", [...path, "comparator"]);
      if ((quantifier === "all" || quantifier === "allAndAtLeastOne") && condition.where === undefined) {
        problem(`quantifier ${quantifier} needs a where condition`, [...path, "where"]);
      }
      const comparator = valid(ComparatorSchema, condition.comparator);
      if (comparator) checkComparator(comparator, [...path, "comparator"], out);
      const aggregate = valid(AggregateSchema, condition.aggregate);
      if (aggregate) checkComparator(aggregate.comparator, [...path, "aggregate", "comparator"], out);
      if (condition.where !== undefined && (target !== undefined || context === undefined || relation === undefined))
        checkCondition(condition.where, target, [...path, "where"], out);
      return;
    }
    case "event": {
      if (context !== undefined && context !== "account" && context !== "person")
        problem(`event conditions apply to accounts and persons, not ${context} rows`);
      if (context === "person" && condition.owner !== undefined && condition.owner !== "person") {
        problem("at person level only the person's own events count (owner must be person)", [...path, "owner"]);
      }
      if (condition.countDistinct === "people") {
        if (context !== undefined && context !== "account") problem("countDistinct people applies at account level", [...path, "countDistinct"]);
        if (condition.owner === "account") problem("countDistinct people cannot count account-owned events", [...path, "owner"]);
      }
      const count = valid(ComparatorSchema, condition.count);
      if (count) checkComparator(count, [...path, "count"], out);
      const window = valid(WindowSchema, condition.window);
      if (window) checkWindow(window, [...path, "window"], out);
      if (condition.where !== undefined) checkEventWhere(condition.where, [...path, "where"], out);
      return;
    }
    case "sequence": {
      if (context !== undefined && context !== "account" && context !== "person")
        problem(`sequence conditions apply to accounts and persons, not ${context} rows`);
      if (context === "person" && condition.samePerson === false) problem("samePerson false applies at account level", [...path, "samePerson"]);
      const window = valid(WindowSchema, condition.window);
      if (window) checkWindow(window, [...path, "window"], out);
      if (Array.isArray(condition.steps)) {
        condition.steps.forEach((step, i) => {
          if (isRecord(step) && step.where !== undefined) checkEventWhere(step.where, [...path, "steps", i, "where"], out);
        });
      }
      return;
    }
  }
}

/** Conditions on an event's fields: attributes combined with and/or/not only. */
function checkEventWhere(condition: unknown, path: ProblemPath, out: Problem[]): void {
  if (!isRecord(condition)) return;
  if (condition.kind === "and" || condition.kind === "or") {
    if (Array.isArray(condition.conditions)) condition.conditions.forEach((c, i) => checkEventWhere(c, [...path, "conditions", i], out));
  } else if (condition.kind === "not") {
    checkEventWhere(condition.condition, [...path, "condition"], out);
  } else if (condition.kind === "attribute") {
    const attribute = valid(AttributeConditionSchema, condition);
    if (attribute) checkAttribute(attribute, path, out);
  } else if (CONDITION_KINDS.has(condition.kind)) {
    out.push({ path, message: `a condition on event fields can only use attribute, and, or, not (got ${String(condition.kind)})`, code: "invalid_condition" });
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
  if (condition.trim !== undefined && !TRIM_OPS.has(op)) problem(`trim does not apply to ${op}`, "trim");
  if (["contains", "startsWith", "endsWith", "matches"].includes(op) && condition.value !== undefined && typeof condition.value !== "string") {
    problem(`${op} needs a string value`, "value");
  }
  if ((op === "containsAny" || op === "containsAll") && condition.values?.some((v) => typeof v !== "string")) problem(`${op} needs string values`, "values");
  if (op === "matches" && typeof condition.value === "string") {
    const regexProblem = regexPatternProblem(condition.value);
    if (regexProblem !== undefined) out.push({ path: [...path, "value"], message: regexProblem, code: "unsupported_regex" });
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
