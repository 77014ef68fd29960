import { dateToEpochMs, instantToEpochMs, type FieldType } from "@abm-kit/core";
import type { AttributeCondition, Literal } from "../definition/attribute.js";
import type { TimePoint } from "../definition/time.js";
import { resolveTimePoint, resolveWindow, truncateToDay } from "../definition/resolve-time.js";
import { operandsOf, textPredicate } from "../evaluate/text-predicate.js";
import { pointReachTimes, type WakeSink } from "./time-reach.js";
import type { TypedValue } from "./typed-value.js";

/** A test of one typed value at `now`; time-relative tests also report when their answer may next change. */
export interface TypedTest {
  test(value: TypedValue, now: number): boolean;
  /** Adds to `sink` the moments after `now` at which the answer for `value` may change (none for tests that do not move with time). */
  readonly wake?: ((value: TypedValue, now: number, sink: WakeSink) => void) | undefined;
}

const NEVER: TypedTest = { test: () => false };
const DAY_MS = 86_400_000;

/**
 * Compiles an attribute condition into tests of typed values, one per field
 * type (made on first use). The rules are those of the batch evaluator: a
 * missing value fails every comparison, text is compared by code unit (lower
 * case when `caseInsensitive`), instants and dates as epoch ms, dates by day.
 */
export function compileValueTest(condition: AttributeCondition): (type: FieldType | undefined) => TypedTest {
  const byType = new Map<FieldType | undefined, TypedTest>();
  return (type) => {
    let test = byType.get(type);
    if (test === undefined) {
      test = testFor(condition, type);
      byType.set(type, test);
    }
    return test;
  };
}

function testFor(condition: AttributeCondition, type: FieldType | undefined): TypedTest {
  if (type === undefined) return condition.op === "missing" ? { test: () => true } : NEVER;
  if (condition.op === "exists") return { test: (v) => v !== undefined };
  if (condition.op === "missing") return { test: (v) => v === undefined };
  switch (type) {
    case "string":
      return stringTest(condition);
    case "multi":
      return multiTest(condition);
    case "boolean":
      return booleanTest(condition);
    case "number":
      return numberTest(condition);
    case "instant":
    case "date":
      return timeTest(condition, type === "date");
  }
}

function stringTest(condition: AttributeCondition): TypedTest {
  const compiled = textPredicate(condition);
  if ("error" in compiled) return NEVER;
  const { matches } = compiled;
  // one answer per distinct text, as the batch evaluator decides once per dictionary value
  const memo = new Map<string, boolean>();
  return {
    test: (v) => {
      if (typeof v !== "string") return false;
      let hit = memo.get(v);
      if (hit === undefined) {
        hit = matches(v);
        if (memo.size < 100_000) memo.set(v, hit);
      }
      return hit;
    },
  };
}

function multiTest(condition: AttributeCondition): TypedTest {
  if (condition.op !== "containsAny" && condition.op !== "containsAll") return NEVER;
  const norm = condition.caseInsensitive ? (s: string) => s.toLowerCase() : (s: string) => s;
  const wanted = operandsOf(condition).map((v) => norm(String(v)));
  const any = condition.op === "containsAny";
  return {
    test: (v) => {
      if (!Array.isArray(v)) return false;
      const have = new Set((v as readonly string[]).map(norm));
      return any ? wanted.some((w) => have.has(w)) : wanted.every((w) => have.has(w));
    },
  };
}

function booleanTest(condition: AttributeCondition): TypedTest {
  const flags: boolean[] = [];
  for (const literal of operandsOf(condition)) {
    if (typeof literal !== "boolean") return NEVER;
    flags.push(literal);
  }
  switch (condition.op) {
    case "eq":
    case "in":
      return { test: (v) => typeof v === "boolean" && flags.includes(v) };
    case "neq":
    case "notIn":
      return { test: (v) => typeof v === "boolean" && !flags.includes(v) };
    default:
      return NEVER;
  }
}

/** A comparison of a number with resolved operands (a missing value never passes). */
function numeric(op: AttributeCondition["op"], operands: readonly number[]): ((x: number) => boolean) | undefined {
  const v = operands[0] ?? Number.NaN;
  switch (op) {
    case "eq":
      return (x) => x === v;
    case "neq":
      return (x) => x === x && x !== v;
    case "gt":
      return (x) => x > v;
    case "gte":
      return (x) => x >= v;
    case "lt":
      return (x) => x < v;
    case "lte":
      return (x) => x <= v;
    case "between": {
      const max = operands[1] ?? Number.NaN;
      return (x) => x >= v && x <= max;
    }
    case "in":
      return (x) => operands.includes(x);
    case "notIn":
      return (x) => x === x && !operands.includes(x);
    default:
      return undefined;
  }
}

function numberTest(condition: AttributeCondition): TypedTest {
  const numbers: number[] = [];
  for (const literal of operandsOf(condition)) {
    if (typeof literal !== "number") return NEVER;
    numbers.push(literal);
  }
  const compare = numeric(condition.op, numbers);
  if (compare === undefined) return NEVER;
  return { test: (v) => typeof v === "number" && compare(v) };
}

function parseTime(text: string): number {
  return text.length === 10 ? dateToEpochMs(text) : instantToEpochMs(text);
}

/** A relative time point ("now", ago, ahead) of an operand, or undefined for a fixed one. */
function relativePoint(literal: Literal): TimePoint | undefined {
  if (literal === "now") return "now";
  if (typeof literal === "object" && !("at" in literal)) return literal;
  return undefined;
}

function timeTest(condition: AttributeCondition, day: boolean): TypedTest {
  const granularity = day ? "day" : "instant";
  // moments at which a point, moving with now, reaches `x` (and just passes it)
  const addReach = (point: TimePoint, x: number, now: number, sink: WakeSink) => {
    pointReachTimes(point, x, now, sink);
    pointReachTimes(point, x + (day ? DAY_MS : 1), now, sink);
  };
  if (condition.op === "within") {
    const window = condition.window!;
    const ends: TimePoint[] =
      "last" in window
        ? [{ ago: window.last }, "now"]
        : "between" in window
          ? [...window.between]
          : [window.from, window.to].filter((p): p is TimePoint => p !== undefined);
    const moving = ends.filter((p) => relativePoint(p as Literal) !== undefined);
    return {
      test: (v, now) => {
        if (typeof v !== "number") return false;
        const { from, to } = resolveWindow(window, now, granularity);
        return v >= from && v <= to;
      },
      wake:
        moving.length === 0
          ? undefined
          : (v, now, sink) => {
              if (typeof v === "number") for (const p of moving) addReach(p, v, now, sink);
            },
    };
  }
  const points = operandsOf(condition);
  for (const literal of points) {
    if (typeof literal === "number" || typeof literal === "boolean") return NEVER;
    if (typeof literal === "string" && literal !== "now" && Number.isNaN(parseTime(literal))) return NEVER;
  }
  if (numeric(condition.op, []) === undefined) return NEVER;
  const moving = points.map(relativePoint).filter((p): p is TimePoint => p !== undefined);
  let cachedNow = Number.NaN;
  let cached: (x: number) => boolean = () => false;
  return {
    test: (v, now) => {
      if (typeof v !== "number") return false;
      if (now !== cachedNow) {
        const resolved = points.map((literal) => {
          const ms = typeof literal === "string" ? (literal === "now" ? now : parseTime(literal)) : resolveTimePoint(literal as TimePoint, now);
          return day ? truncateToDay(ms) : ms;
        });
        cached = numeric(condition.op, resolved)!;
        cachedNow = now;
      }
      return cached(v);
    },
    wake:
      moving.length === 0
        ? undefined
        : (v, now, sink) => {
            if (typeof v === "number") for (const p of moving) addReach(p, v, now, sink);
          },
  };
}
