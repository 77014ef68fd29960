import type { Audience } from "../definition/audience.js";
import type { AttributeCondition } from "../definition/attribute.js";
import type { Condition, EventCondition, RelatedCondition, SequenceCondition } from "../definition/condition.js";
import { relationTarget, type ContextKind } from "../definition/contexts.js";
import { shiftByDuration } from "../definition/resolve-time.js";
import { comparatorTest } from "../evaluate/comparator-test.js";
import { eventWindowAt } from "../evaluate/nodes/event-node.js";
import type { RowSource } from "./store/column-value.js";
import { lowerBound, upperBound, type EventLog } from "./store/event-log.js";
import type { LiveData } from "./store/live-data.js";
import { eventWake, windowEnds, type WakeSink } from "./time-reach.js";
import { compileValueTest } from "./value-test.js";

/** What evaluating one row needs: the data, `now`, where wake-up times go, and the members of referenced audiences. */
export interface RowContext {
  readonly data: LiveData;
  now: number;
  readonly sink: WakeSink;
  isMember(audienceId: string, row: number): boolean;
}

/** Whether a condition holds for one row. */
export type RowEval = (ctx: RowContext, row: number) => boolean;

/** One step of a path from the audience's rows: the relation followed from rows of kind `from`. */
export interface PathStep {
  readonly from: ContextKind;
  readonly relation: string;
}

/**
 * A place where a compiled audience reads data: the rows reached by `path`
 * from a member, of kind `kind`, and what it reads there (`data`, `events`,
 * `member:<audienceId>`).
 */
export interface ReadPosition {
  readonly path: readonly PathStep[];
  readonly kind: ContextKind;
  readonly aspect: string;
}

/** An audience compiled to evaluate one member at a time over live data. */
export interface RowProgram {
  readonly evaluate: RowEval;
  readonly positions: readonly ReadPosition[];
}

const AT_LEAST_ONE = { op: "gte", value: 1 } as const;

/**
 * Compiles an audience into a per-member evaluator over {@link LiveData}, with
 * the same rules as the batch evaluator, and lists where it reads so that a
 * change can be traced back to the members it may affect.
 */
export function compileRowProgram(audience: Audience, data: LiveData): RowProgram {
  const positions = new Map<string, ReadPosition>();
  const read = (path: readonly PathStep[], kind: ContextKind, aspect: string) => {
    const key = `${path.map((s) => `${s.from}.${s.relation}`).join("/")}|${kind}|${aspect}`;
    if (!positions.has(key)) positions.set(key, { path, kind, aspect });
  };
  read([], audience.type, "data");
  const compile = (condition: Condition, kind: ContextKind, source: RowSource, path: readonly PathStep[]): RowEval => {
    switch (condition.kind) {
      case "attribute":
        read(path, kind, "data");
        return attributeEval(condition, source);
      case "and":
      case "or": {
        const parts = condition.conditions.map((c) => compile(c, kind, source, path));
        const isAnd = condition.kind === "and";
        return (ctx, row) => {
          for (let i = 0; i < parts.length; i++) if (parts[i]!(ctx, row) !== isAnd) return !isAnd;
          return isAnd;
        };
      }
      case "not": {
        const inner = compile(condition.condition, kind, source, path);
        return (ctx, row) => !inner(ctx, row);
      }
      case "inAudience": {
        read(path, kind, `member:${condition.audienceId}`);
        const id = condition.audienceId;
        return (ctx, row) => ctx.isMember(id, row);
      }
      case "related": {
        read(path, kind, "data");
        const target = relationTarget(kind, condition.relation)!;
        const targetSource = data.source(target, condition.relation);
        const targetPath = [...path, { from: kind, relation: condition.relation }];
        read(targetPath, target, "data");
        const where = condition.where ? compile(condition.where, target, targetSource, targetPath) : undefined;
        return relatedEval(condition, kind, targetSource, where);
      }
      case "event":
        return eventEval(condition, kind, path, read);
      case "sequence":
        return sequenceEval(condition, kind, path, read);
    }
  };
  const evaluate = compile(audience.condition, audience.type, data.source(audience.type), []);
  return { evaluate, positions: [...positions.values()] };
}

function attributeEval(condition: AttributeCondition, source: RowSource): RowEval {
  const testsFor = compileValueTest(condition);
  const field = condition.field;
  return (ctx, row) => {
    const test = testsFor(source.fieldType(field));
    const value = source.value(row, field);
    if (test.wake !== undefined) test.wake(value, ctx.now, ctx.sink);
    return test.test(value, ctx.now);
  };
}

function relatedEval(condition: RelatedCondition, kind: ContextKind, target: RowSource, where: RowEval | undefined): RowEval {
  const relation = condition.relation;
  const aggregate = condition.aggregate;
  if (aggregate) {
    const pass = comparatorTest(aggregate.comparator);
    return (ctx, row) => {
      const targets = ctx.data.follow(kind, relation, row);
      const matching: number[] = [];
      for (let k = 0; k < targets.length; k++) if (where === undefined || where(ctx, targets[k]!)) matching.push(targets[k]!);
      return pass(aggregateOf(aggregate.fn, aggregate.field, target, matching));
    };
  }
  const quantifier = condition.quantifier ?? "some";
  const countPasses = condition.comparator ? comparatorTest(condition.comparator) : () => false;
  return (ctx, row) => {
    const targets = ctx.data.follow(kind, relation, row);
    let matched = 0;
    for (let k = 0; k < targets.length; k++) {
      if (where === undefined || where(ctx, targets[k]!)) {
        matched++;
        if (quantifier === "some" || quantifier === "none") break;
      } else if (quantifier === "all" || quantifier === "allAndAtLeastOne") {
        return false;
      }
    }
    switch (quantifier) {
      case "some":
        return matched > 0;
      case "none":
        return matched === 0;
      case "all":
        return true;
      case "allAndAtLeastOne":
        return targets.length > 0;
      case "count":
        return countPasses(matched);
    }
  };
}

/** An aggregate of a field over rows (NaN: missing), as the batch evaluator computes it. */
function aggregateOf(fn: NonNullable<RelatedCondition["aggregate"]>["fn"], field: string, source: RowSource, rows: readonly number[]): number {
  const type = source.fieldType(field);
  if (type === undefined) return fn === "sum" || fn === "countDistinct" ? 0 : Number.NaN;
  if (fn === "countDistinct") {
    const seen = new Set<unknown>();
    for (const r of rows) {
      const v = source.value(r, field);
      if (v === undefined) continue;
      if (Array.isArray(v)) for (const item of v as readonly string[]) seen.add(item);
      else seen.add(v);
    }
    return seen.size;
  }
  let n = 0;
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const r of rows) {
    const v = source.value(r, field);
    if (typeof v !== "number") continue;
    n++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  switch (fn) {
    case "sum":
      return sum;
    case "avg":
      return n === 0 ? Number.NaN : sum / n;
    case "min":
      return n === 0 ? Number.NaN : min;
    default:
      return n === 0 ? Number.NaN : max;
  }
}

/** Whether event `i` of an owner's list counts: its type is listed and it passes `where`. */
type EventMatch = (log: EventLog, ref: number, type: string, now: number) => boolean;

function eventMatch(types: readonly string[], where: Condition | undefined): (log: EventLog) => EventMatch {
  const wanted = new Set(types);
  const byLog = new Map<EventLog, EventMatch>();
  return (log) => {
    let match = byLog.get(log);
    if (match === undefined) {
      const test = where ? compileEventWhere(where, log) : undefined;
      match = test === undefined ? (_l, _ref, type) => wanted.has(type) : (l, ref, type, now) => wanted.has(type) && test(ref, now);
      byLog.set(log, match);
    }
    return match;
  };
}

/** A condition on an event's fields (attribute, and, or, not) as a test of an event reference. */
function compileEventWhere(condition: Condition, log: EventLog): (ref: number, now: number) => boolean {
  switch (condition.kind) {
    case "attribute": {
      const testsFor = compileValueTest(condition);
      return (ref, now) => testsFor(log.fieldType(condition.field)).test(log.value(ref, condition.field), now);
    }
    case "and":
    case "or": {
      const parts = condition.conditions.map((c) => compileEventWhere(c, log));
      const isAnd = condition.kind === "and";
      return (ref, now) => {
        for (const part of parts) if (part(ref, now) !== isAnd) return !isAnd;
        return isAnd;
      };
    }
    case "not": {
      const inner = compileEventWhere(condition.condition, log);
      return (ref, now) => !inner(ref, now);
    }
    default:
      return () => false;
  }
}

/**
 * Counts an owner's matching events in `[from, to]` and records when the count
 * may next change: the earliest matching event in the window leaves it first,
 * the earliest one after it enters first.
 */
function countOwner(ctx: RowContext, log: EventLog, owner: number, match: EventMatch, ends: ReturnType<typeof windowEnds>, from: number, to: number): number {
  const { times, types, refs } = log.of(owner);
  if (times.length === 0) return 0;
  const now = ctx.now;
  const lo = lowerBound(times, from);
  const hi = from <= to ? upperBound(times, to) : lo;
  let n = 0;
  let firstIn = -1;
  for (let i = lo; i < hi; i++) {
    if (match(log, refs[i]!, types[i]!, now)) {
      n++;
      if (firstIn < 0) firstIn = i;
    }
  }
  if (firstIn >= 0) eventWake(ends, times[firstIn]!, from, to, now, ctx.sink);
  for (let i = Math.max(lo, hi); i < times.length; i++) {
    if (match(log, refs[i]!, types[i]!, now)) {
      eventWake(ends, times[i]!, from, to, now, ctx.sink);
      break;
    }
  }
  return n;
}

function eventEval(condition: EventCondition, kind: ContextKind, path: readonly PathStep[], read: (path: readonly PathStep[], kind: ContextKind, aspect: string) => void): RowEval {
  const atAccount = kind === "account";
  const owner = condition.owner ?? (atAccount ? "any" : "person");
  const distinctPeople = condition.countDistinct === "people";
  const readsPeople = !atAccount || owner !== "account";
  const readsAccount = atAccount && owner !== "person" && !distinctPeople;
  const passes = comparatorTest(condition.count ?? AT_LEAST_ONE);
  const matchOf = eventMatch(condition.types, condition.where);
  const ends = windowEnds(condition.window);
  if (!atAccount) {
    read(path, kind, "events");
    return (ctx, row) => {
      const { from, to } = eventWindowAt(condition, ctx.now);
      const log = ctx.data.personEvents;
      return passes(countOwner(ctx, log, row, matchOf(log), ends, from, to));
    };
  }
  read(path, kind, "data");
  if (readsAccount) read(path, kind, "events");
  if (readsPeople) read([...path, { from: "account", relation: "people" }], "person", "events");
  return (ctx, row) => {
    const { from, to } = eventWindowAt(condition, ctx.now);
    let n = 0;
    if (readsPeople) {
      const log = ctx.data.personEvents;
      const match = matchOf(log);
      const people = ctx.data.links.peopleOf(row);
      for (let k = 0; k < people.length; k++) {
        const c = countOwner(ctx, log, people[k]!, match, ends, from, to);
        n += distinctPeople ? (c > 0 ? 1 : 0) : c;
      }
    }
    if (readsAccount) {
      const log = ctx.data.accountEvents;
      n += countOwner(ctx, log, row, matchOf(log), ends, from, to);
    }
    return passes(n);
  };
}

/** A sequence candidate: an event matching at least one step. */
interface Candidate {
  readonly time: number;
  readonly mask: number;
  /** "" for the account's own events (they sort first at the same instant), else the person's id. */
  readonly ownerId: string;
  readonly position: number;
}

function sequenceEval(condition: SequenceCondition, kind: ContextKind, path: readonly PathStep[], read: (path: readonly PathStep[], kind: ContextKind, aspect: string) => void): RowEval {
  const atAccount = kind === "account";
  const samePerson = condition.samePerson ?? true;
  const stepCount = condition.steps.length;
  const stepMatches = condition.steps.map((step) => eventMatch(step.types, step.where));
  const anyStep = eventMatch(condition.steps.flatMap((s) => s.types), undefined);
  const ends = windowEnds(condition.window);
  read(path, kind, "events");
  if (atAccount) {
    read(path, kind, "data");
    read([...path, { from: "account", relation: "people" }], "person", "events");
  }
  const best = new Float64Array(stepCount);

  const collect = (ctx: RowContext, log: EventLog, owner: number, ownerId: string, from: number, to: number, into: Candidate[]) => {
    const { times, types, refs } = log.of(owner);
    const matches = stepMatches.map((m) => m(log));
    // the window's content changes when an event of a step type enters or leaves it
    countOwner(ctx, log, owner, anyStep(log), ends, from, to);
    if (from > to) return;
    const lo = lowerBound(times, from);
    const hi = upperBound(times, to);
    for (let i = lo; i < hi; i++) {
      let mask = 0;
      for (let k = 0; k < stepCount; k++) if (matches[k]!(log, refs[i]!, types[i]!, ctx.now)) mask |= 1 << k;
      if (mask !== 0) into.push({ time: times[i]!, mask, ownerId, position: i });
    }
  };

  const holds = (c: readonly Candidate[]): boolean => {
    if (c.length < stepCount) return false;
    best.fill(Number.NaN);
    for (const { time: t, mask } of c) {
      for (let k = stepCount - 1; k >= 0; k--) {
        if ((mask & (1 << k)) === 0) continue;
        if (k === 0) {
          best[0] = t;
          continue;
        }
        const start = best[k - 1]!;
        if (start !== start) continue;
        if (k === stepCount - 1) {
          if (t <= shiftByDuration(start, condition.within, 1)) return true;
        } else if (!(best[k]! >= start)) best[k] = start;
      }
    }
    return false;
  };

  return (ctx, row) => {
    const { from, to } = eventWindowAt(condition, ctx.now);
    const data = ctx.data;
    if (!atAccount) {
      const c: Candidate[] = [];
      collect(ctx, data.personEvents, row, "", from, to, c);
      return holds(c);
    }
    const people = data.links.peopleOf(row);
    if (samePerson) {
      let held = false;
      for (let k = 0; k < people.length; k++) {
        const c: Candidate[] = [];
        collect(ctx, data.personEvents, people[k]!, "", from, to, c);
        if (holds(c)) held = true;
      }
      const own: Candidate[] = [];
      collect(ctx, data.accountEvents, row, "", from, to, own);
      return held || holds(own);
    }
    const c: Candidate[] = [];
    for (let k = 0; k < people.length; k++) collect(ctx, data.personEvents, people[k]!, data.persons.id(people[k]!), from, to, c);
    collect(ctx, data.accountEvents, row, "", from, to, c);
    c.sort((x, y) => x.time - y.time || (x.ownerId < y.ownerId ? -1 : x.ownerId > y.ownerId ? 1 : 0) || x.position - y.position);
    return holds(c);
  };
}
