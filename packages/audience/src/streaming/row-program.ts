import type { Audience } from "../definition/audience.js";
import type { AttributeCondition } from "../definition/attribute.js";
import type { Condition, EventCondition, RelatedCondition, SequenceCondition } from "../definition/condition.js";
import { relationTarget, type ContextKind } from "../definition/contexts.js";
import { shiftByDuration } from "../definition/resolve-time.js";
import { comparatorTest } from "../evaluate/comparator-test.js";
import { eventCounter, type RowCount } from "./event-counter.js";
import { eventMatch } from "./event-match.js";
import type { RowSource } from "./store/column-value.js";
import { lowerBound, upperBound } from "./store/event-log.js";
import { EventRange } from "./store/event-range.js";
import type { LiveData } from "./store/live-data.js";
import { windowEnds, type WakeSink } from "./time-reach.js";
import { compileValueTest } from "./value-test.js";
import { countOwner, windowAt } from "./window-count.js";

/** What evaluating one row needs: the data, `now`, where wake-up times go, and the members of referenced audiences. */
export interface RowContext {
  readonly data: LiveData;
  now: number;
  readonly sink: WakeSink;
  isMember(audienceId: string, row: number): boolean;
}

/** Whether a condition holds for one row. */
export type RowEval = (ctx: RowContext, row: number) => boolean;

/**
 * Event counters shared by the programs of one evaluator, by what they count
 * (the condition without its comparator): audiences that count the same
 * events ("1+", "2+", "4+ engaged people") keep one count per row.
 */
export type SharedCounters = Map<string, RowCount>;

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
  /** For `events`: the event types read there (undefined: any type). */
  readonly types?: ReadonlySet<string> | undefined;
}

/** Records a read position; `types` narrows an `events` read to the event types that matter. */
export type ReadRecorder = (path: readonly PathStep[], kind: ContextKind, aspect: string, types?: readonly string[]) => void;

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
export function compileRowProgram(audience: Audience, data: LiveData, clock: { readonly now: number }, shared: SharedCounters = new Map()): RowProgram {
  const positions = new Map<string, ReadPosition>();
  const read: ReadRecorder = (path, kind, aspect, types) => {
    const key = `${path.map((s) => `${s.from}.${s.relation}`).join("/")}|${kind}|${aspect}`;
    const known = positions.get(key);
    const merged = types === undefined || (known !== undefined && known.types === undefined) ? undefined : new Set([...(known?.types ?? []), ...types]);
    positions.set(key, { path, kind, aspect, types: merged });
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
        return eventEval(condition, kind, path, read, data, shared, clock);
      case "sequence":
        return sequenceEval(condition, kind, path, read, data);
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

function eventEval(
  condition: EventCondition,
  kind: ContextKind,
  path: readonly PathStep[],
  read: ReadRecorder,
  data: LiveData,
  shared: SharedCounters,
  clock: { readonly now: number },
): RowEval {
  const atAccount = kind === "account";
  const owner = condition.owner ?? (atAccount ? "any" : "person");
  const readsPeople = !atAccount || owner !== "account";
  const readsAccount = atAccount && owner !== "person" && condition.countDistinct !== "people";
  if (!atAccount) read(path, kind, "events", condition.types);
  else {
    read(path, kind, "data");
    if (readsAccount) read(path, kind, "events", condition.types);
    if (readsPeople) read([...path, { from: "account", relation: "people" }], "person", "events", condition.types);
  }
  const { count: comparator, ...counted } = condition;
  const key = `${kind}:${JSON.stringify(counted)}`;
  let count = shared.get(key);
  if (count === undefined) {
    count = eventCounter(condition, { atAccount, readsPeople, readsAccount }, data, clock);
    shared.set(key, count);
  }
  const passes = comparatorTest(comparator ?? AT_LEAST_ONE);
  const counter = count;
  return (ctx, row) => passes(counter(ctx, row));
}

/** A sequence candidate: an event matching at least one step. */
interface Candidate {
  readonly time: number;
  readonly mask: number;
  /** "" for the account's own events (they sort first at the same instant), else the person's id. */
  readonly ownerId: string;
  readonly position: number;
}

function sequenceEval(condition: SequenceCondition, kind: ContextKind, path: readonly PathStep[], read: ReadRecorder, data: LiveData): RowEval {
  const atAccount = kind === "account";
  const samePerson = condition.samePerson ?? true;
  const stepCount = condition.steps.length;
  const allTypes = condition.steps.flatMap((s) => s.types);
  const logs = [data.personEvents, data.accountEvents];
  const stepMatches = logs.map((log) => condition.steps.map((step) => eventMatch(step.types, step.where, log)));
  const anyStep = logs.map((log) => eventMatch(allTypes, undefined, log));
  const ends = windowEnds(condition.window);
  const windowOf = windowAt(condition);
  const range = new EventRange();
  read(path, kind, "events", allTypes);
  if (atAccount) {
    read(path, kind, "data");
    read([...path, { from: "account", relation: "people" }], "person", "events", allTypes);
  }
  const best = new Float64Array(stepCount);

  const collect = (ctx: RowContext, which: 0 | 1, owner: number, ownerId: string, from: number, to: number, into: Candidate[]) => {
    const log = logs[which]!;
    const matches = stepMatches[which]!;
    // the window's content changes when an event of a step type enters or leaves it
    countOwner(ctx.now, ctx.sink, log, owner, anyStep[which]!, ends, from, to, range);
    if (from > to) return;
    const r = log.read(owner, range);
    const { times, types } = r;
    const lo = lowerBound(times, r.start, r.end, from);
    const hi = upperBound(times, lo, r.end, to);
    for (let i = lo; i < hi; i++) {
      let mask = 0;
      const ref = r.ref(i);
      for (let k = 0; k < stepCount; k++) if (matches[k]!(ref, types[i]!, ctx.now)) mask |= 1 << k;
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
    const { from, to } = windowOf(ctx.now);
    const data = ctx.data;
    if (!atAccount) {
      const c: Candidate[] = [];
      collect(ctx, 0, row, "", from, to, c);
      return holds(c);
    }
    const people = data.links.peopleOf(row);
    if (samePerson) {
      let held = false;
      for (let k = 0; k < people.length; k++) {
        const c: Candidate[] = [];
        collect(ctx, 0, people[k]!, "", from, to, c);
        if (holds(c)) held = true;
      }
      const own: Candidate[] = [];
      collect(ctx, 1, row, "", from, to, own);
      return held || holds(own);
    }
    const c: Candidate[] = [];
    for (let k = 0; k < people.length; k++) collect(ctx, 0, people[k]!, data.persons.id(people[k]!), from, to, c);
    collect(ctx, 1, row, "", from, to, c);
    c.sort((x, y) => x.time - y.time || (x.ownerId < y.ownerId ? -1 : x.ownerId > y.ownerId ? 1 : 0) || x.position - y.position);
    return holds(c);
  };
}
