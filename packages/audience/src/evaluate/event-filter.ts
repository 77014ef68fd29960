import type { EventTable, Problem, ProblemPath } from "@abm-kit/core";
import { lowerBound, upperBound } from "@abm-kit/core/internal";
import type { Condition } from "../definition/condition.js";
import type { RowTest } from "./attribute-test.js";
import type { CompileContext } from "./compile-context.js";
import { compileRowTest } from "./row-test.js";

/** Which events of one event table count: a byte per type code, and the `where` test. */
export interface EventFilter {
  readonly table: EventTable;
  /** `typeMatch[code]` is 1 when events of that type code count. */
  readonly typeMatch: Uint8Array;
  /** The `where` test at `now`, or undefined when there is none. */
  where(now: number): RowTest | undefined;
}

/**
 * Compiles the event types and `where` of a condition for each event table it
 * reads. An unknown property is reported once, when no table has it.
 */
export function compileEventFilters(
  types: readonly string[],
  where: Condition | undefined,
  tables: readonly EventTable[],
  path: ProblemPath,
  context: CompileContext,
): EventFilter[] {
  const warningsByTable: Problem[][] = [];
  const filters = tables.map((table) => {
    const dictionary = table.type.dictionary;
    const typeMatch = new Uint8Array(dictionary.size);
    for (const type of types) {
      const code = dictionary.codeOf(type);
      if (code >= 0) typeMatch[code] = 1;
    }
    const warnings: Problem[] = [];
    const local: CompileContext = { ...context, warnings };
    const factory = where ? compileRowTest(where, table, "event", [...path, "where"], local) : undefined;
    warningsByTable.push(warnings);
    return { table, typeMatch, where: (now: number) => factory?.(now) };
  });
  const key = (p: Problem) => JSON.stringify(p.path);
  const [first, ...rest] = warningsByTable;
  for (const warning of first ?? []) {
    if (rest.every((ws) => ws.some((w) => key(w) === key(warning)))) context.warnings.push(warning);
  }
  return filters;
}

/**
 * Counts an owner's events with `from <= time <= to` that pass the filter
 * (binary search on the owner's time-sorted range; no allocation).
 */
export function countEvents(filter: EventFilter, where: RowTest | undefined, owner: number, from: number, to: number): number {
  const { table, typeMatch } = filter;
  const time = table.time;
  const lo = table.ownerOffsets[owner]!;
  const hi = table.ownerOffsets[owner + 1]!;
  if (lo === hi) return 0;
  const start = lowerBound(time, lo, hi, from);
  const end = upperBound(time, start, hi, to);
  const typeCodes = table.type.codes;
  let n = 0;
  for (let r = start; r < end; r++) {
    const code = typeCodes[r]!;
    if (code >= 0 && typeMatch[code] === 1 && (where === undefined || where(r))) n++;
  }
  return n;
}

/** The event rows of an owner that pass the filter in `[from, to]`, up to `limit`. */
export function listEvents(filter: EventFilter, where: RowTest | undefined, owner: number, from: number, to: number, limit: number): number[] {
  const { start, end } = filter.table.window(owner, from, to);
  const out: number[] = [];
  const typeCodes = filter.table.type.codes;
  for (let r = start; r < end && out.length < limit; r++) {
    const code = typeCodes[r]!;
    if (code >= 0 && filter.typeMatch[code] === 1 && (where === undefined || where(r))) out.push(r);
  }
  return out;
}
