import type { BooleanColumn, Column, MultiColumn, NumberColumn, ProblemPath, StringColumn, Table } from "@abm-kit/core";
import { dateToEpochMs, instantToEpochMs } from "@abm-kit/core";
import type { AttributeCondition, Literal } from "../definition/attribute.js";
import { resolveTimePoint, resolveWindow, truncateToDay } from "../definition/resolve-time.js";
import { nextDown, nextUp } from "./adjacent-double.js";
import { Bitset } from "./bitset.js";
import { reportUnknownField, type CompileContext } from "./compile-context.js";
import { columnOf } from "./synthetic-columns.js";
import { operandsOf, textPredicate } from "./text-predicate.js";

/** A test of one row. */
export type RowTest = (row: number) => boolean;
/** A row test that depends on the evaluation's `now` (relative time points). */
export type RowTestFactory = ((now: number) => RowTest) & {
  /**
   * The rows `0 … size-1` where the test holds, by one tight scan of the
   * column (no call per row); absent where the test has no such scan.
   */
  readonly scan?: (now: number, size: number) => Bitset;
};

const never: RowTest = () => false;
const always: RowTest = () => true;

/**
 * Compiles an attribute condition against a table's column into a row test:
 * literals are converted once (strings to dictionary matches, instants to epoch
 * ms), so the test reads typed arrays only. A missing value fails every
 * comparison; an unknown field reads as missing (or is an error when strict).
 */
export function compileAttributeTest(
  condition: AttributeCondition,
  table: Table<string>,
  scope: string,
  path: ProblemPath,
  context: CompileContext,
): RowTestFactory {
  const column = columnOf(table, condition.field);
  if (column === undefined) {
    reportUnknownField(context, scope, condition.field, path);
    return () => (condition.op === "missing" ? always : never);
  }
  if (condition.op === "exists") return () => (row) => !column.isMissing(row);
  if (condition.op === "missing") return () => (row) => column.isMissing(row);
  const fail = (message: string): RowTestFactory => {
    context.errors.push({ path: [...path, "op"], message: `${scope}.${condition.field} is a ${column.type} field: ${message}`, code: "type_mismatch" });
    return () => never;
  };
  switch (column.type) {
    case "string":
      return stringTest(condition, column, fail);
    case "multi":
      return multiTest(condition, column, fail);
    case "boolean":
      return booleanTest(condition, column, fail);
    case "number":
      return numberTest(condition, column, fail);
    case "instant":
    case "date":
      return timeTest(condition, column, fail);
  }
}

type Fail = (message: string) => RowTestFactory;

function stringTest(condition: AttributeCondition, column: StringColumn, fail: Fail): RowTestFactory {
  const compiled = textPredicate(condition);
  if ("error" in compiled) return fail(compiled.error);
  const { matches } = compiled;
  // evaluate the predicate once per distinct value, then rows read a byte table
  const values = column.dictionary.values;
  const match = new Uint8Array(values.length);
  for (let code = 0; code < values.length; code++) match[code] = matches(values[code]!) ? 1 : 0;
  const codes = column.codes;
  const test: RowTest = (row) => {
    const code = codes[row]!;
    return code >= 0 && match[code] === 1;
  };
  return withScan(
    () => test,
    (_now, size) => Bitset.fromCodes(codes, match, size),
  );
}

function multiTest(condition: AttributeCondition, column: MultiColumn, fail: Fail): RowTestFactory {
  if (condition.op !== "containsAny" && condition.op !== "containsAll") return fail(`${condition.op} does not apply (use containsAny or containsAll)`);
  const norm = condition.caseInsensitive ? (s: string) => s.toLowerCase() : (s: string) => s;
  const wanted = operandsOf(condition).map((v) => norm(String(v)));
  const values = column.dictionary.values;
  // per wanted value, which dictionary codes match it
  const matches = wanted.map((w) => {
    const match = new Uint8Array(values.length);
    for (let code = 0; code < values.length; code++) match[code] = norm(values[code]!) === w ? 1 : 0;
    return match;
  });
  const { offsets, codes, present } = column;
  if (condition.op === "containsAny") {
    const any = new Uint8Array(values.length);
    for (const match of matches) for (let code = 0; code < any.length; code++) any[code]! |= match[code]!;
    const test: RowTest = (row) => {
      if (present[row] === 0) return false;
      for (let k = offsets[row]!; k < offsets[row + 1]!; k++) if (any[codes[k]!] === 1) return true;
      return false;
    };
    return () => test;
  }
  const test: RowTest = (row) => {
    if (present[row] === 0) return false;
    const start = offsets[row]!;
    const end = offsets[row + 1]!;
    for (const match of matches) {
      let found = false;
      for (let k = start; k < end && !found; k++) found = match[codes[k]!] === 1;
      if (!found) return false;
    }
    return true;
  };
  return () => test;
}

function booleanTest(condition: AttributeCondition, column: BooleanColumn, fail: Fail): RowTestFactory {
  const flags: number[] = [];
  for (const literal of operandsOf(condition)) {
    if (typeof literal !== "boolean") return fail(`${condition.op} needs boolean operands`);
    flags.push(literal ? 1 : 0);
  }
  const values = column.values;
  const allowed = new Uint8Array(3);
  switch (condition.op) {
    case "eq":
    case "in":
      for (const f of flags) allowed[f] = 1;
      break;
    case "neq":
    case "notIn":
      allowed[0] = 1;
      allowed[1] = 1;
      for (const f of flags) allowed[f] = 0;
      break;
    default:
      return fail(`${condition.op} does not apply`);
  }
  const test: RowTest = (row) => allowed[values[row]!] === 1;
  return withScan(
    () => test,
    (_now, size) => Bitset.fromBytes(values, allowed, size),
  );
}

function withScan(factory: (now: number) => RowTest, scan: (now: number, size: number) => Bitset): RowTestFactory {
  return Object.assign(factory, { scan });
}

/**
 * The inclusive range `[low, high]` equal to a comparison with resolved
 * operands, or undefined for comparisons that are not one range (neq, in,
 * notIn). Strict bounds move to the adjacent double, which is exact.
 */
function rangeOf(op: AttributeCondition["op"], operands: number[]): readonly [number, number] | undefined {
  const v = operands[0] ?? Number.NaN;
  switch (op) {
    case "eq":
      return [v, v];
    case "gt":
      return v === Number.POSITIVE_INFINITY ? [Number.NaN, Number.NaN] : [nextUp(v), Number.POSITIVE_INFINITY];
    case "gte":
      return [v, Number.POSITIVE_INFINITY];
    case "lt":
      return v === Number.NEGATIVE_INFINITY ? [Number.NaN, Number.NaN] : [Number.NEGATIVE_INFINITY, nextDown(v)];
    case "lte":
      return [Number.NEGATIVE_INFINITY, v];
    case "between":
      return [v, operands[1] ?? Number.NaN];
    default:
      return undefined;
  }
}

/** A numeric test over a Float64Array given resolved operands (NaN never passes). */
function numericTest(op: AttributeCondition["op"], values: Float64Array, operands: number[]): RowTest | undefined {
  const v = operands[0] ?? Number.NaN;
  switch (op) {
    case "eq":
      return (row) => values[row] === v;
    case "neq":
      return (row) => {
        const x = values[row]!;
        return x === x && x !== v;
      };
    case "gt":
      return (row) => values[row]! > v;
    case "gte":
      return (row) => values[row]! >= v;
    case "lt":
      return (row) => values[row]! < v;
    case "lte":
      return (row) => values[row]! <= v;
    case "between": {
      const max = operands[1] ?? Number.NaN;
      return (row) => {
        const x = values[row]!;
        return x >= v && x <= max;
      };
    }
    case "in": {
      const set = new Set(operands);
      return (row) => set.has(values[row]!);
    }
    case "notIn": {
      const set = new Set(operands);
      return (row) => {
        const x = values[row]!;
        return x === x && !set.has(x);
      };
    }
    default:
      return undefined;
  }
}

function numberTest(condition: AttributeCondition, column: NumberColumn, fail: Fail): RowTestFactory {
  const numbers: number[] = [];
  for (const literal of operandsOf(condition)) {
    if (typeof literal !== "number") return fail(`${condition.op} needs number operands`);
    numbers.push(literal);
  }
  const values = column.values;
  const test = numericTest(condition.op, values, numbers);
  if (test === undefined) return fail(`${condition.op} does not apply`);
  const range = rangeOf(condition.op, numbers);
  return range === undefined
    ? () => test
    : withScan(
        () => test,
        (_now, size) => Bitset.fromRange(values, range[0], range[1], size),
      );
}

function timeTest(condition: AttributeCondition, column: NumberColumn, fail: Fail): RowTestFactory {
  const day = column.type === "date";
  const values = column.values;
  if (condition.op === "within") {
    const window = condition.window!;
    return withScan(
      (now) => {
        const { from, to } = resolveWindow(window, now, day ? "day" : "instant");
        return (row) => {
          const x = values[row]!;
          return x >= from && x <= to;
        };
      },
      (now, size) => {
        const { from, to } = resolveWindow(window, now, day ? "day" : "instant");
        return Bitset.fromRange(values, from, to, size);
      },
    );
  }
  const points = operandsOf(condition);
  for (const literal of points) {
    if (typeof literal === "number" || typeof literal === "boolean") return fail(`${condition.op} needs instants, dates or time points`);
    if (typeof literal === "string" && literal !== "now" && Number.isNaN(parseTime(literal)))
      return fail(`${JSON.stringify(literal)} is not an ISO instant or date`);
  }
  if (numericTest(condition.op, values, []) === undefined) return fail(`${condition.op} does not apply`);
  const resolve = (now: number) =>
    points.map((literal) => {
      const ms =
        typeof literal === "string"
          ? literal === "now"
            ? now
            : parseTime(literal)
          : resolveTimePoint(literal as Exclude<Literal, string | number | boolean>, now);
      return day ? truncateToDay(ms) : ms;
    });
  const factory = (now: number) => numericTest(condition.op, values, resolve(now))!;
  if (rangeOf(condition.op, []) === undefined) return factory;
  return withScan(factory, (now, size) => {
    const range = rangeOf(condition.op, resolve(now))!;
    return Bitset.fromRange(values, range[0], range[1], size);
  });
}

function parseTime(text: string): number {
  return text.length === 10 ? dateToEpochMs(text) : instantToEpochMs(text);
}

/** Whether a column holds instants or dates. */
export function isTimeColumn(column: Column): column is NumberColumn {
  return column.type === "instant" || column.type === "date";
}
