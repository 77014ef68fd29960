import type { EventTable, ProblemPath } from "@abm-kit/core";
import { epochMsToInstant } from "@abm-kit/core";
import type { SequenceCondition } from "../../definition/condition.js";
import { shiftByDuration } from "../../definition/resolve-time.js";
import type { RowTest } from "../attribute-test.js";
import { Bitset } from "../bitset.js";
import type { CompileContext, Scope } from "../compile-context.js";
import { compileEventFilters, type EventFilter } from "../event-filter.js";
import type { PlanNode, RunState } from "../plan-node.js";
import { eventWindowAt } from "./event-node.js";

/** Reusable buffers of candidate events: time and which steps each matches (bit k = step k). */
class Candidates {
  times = new Float64Array(64);
  masks = new Int32Array(64);
  owners = new Int32Array(64);
  rows = new Int32Array(64);
  length = 0;
  push(time: number, mask: number, owner: number, row: number): void {
    if (this.length === this.times.length) {
      const grow = <T extends Float64Array | Int32Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.times = grow(this.times);
      this.masks = grow(this.masks);
      this.owners = grow(this.owners);
      this.rows = grow(this.rows);
    }
    this.times[this.length] = time;
    this.masks[this.length] = mask;
    this.owners[this.length] = owner;
    this.rows[this.length++] = row;
  }
}

/** Per step, its filter over one event table, resolved at `now`. */
interface StepTests {
  readonly table: EventTable;
  readonly typeMatch: Uint8Array[];
  readonly where: (RowTest | undefined)[];
}

/**
 * Ordered events: whether, in time order (ties by event order), events match
 * step 1, step 2, … each at or after the previous, with the last within
 * `within` of the first. One pass per owner keeps, for each step, the latest
 * start of a partial chain (a later start leaves the most room for `within`).
 */
export function sequenceNode(condition: SequenceCondition, scope: Scope, path: ProblemPath, context: CompileContext): PlanNode {
  const snapshot = context.snapshot;
  const atAccount = scope.kind === "account";
  const samePerson = condition.samePerson ?? true;
  const stepCount = condition.steps.length;
  const compileFor = (table: EventTable) =>
    condition.steps.map((step, i) => compileEventFilters(step.types, step.where, [table], [...path, "steps", i], context)[0]!);
  const personSteps = compileFor(snapshot.personEvents);
  const accountSteps = atAccount ? compileFor(snapshot.accountEvents) : [];
  const testsAt = (table: EventTable, filters: EventFilter[], now: number): StepTests => ({
    table,
    typeMatch: filters.map((f) => f.typeMatch),
    where: filters.map((f) => f.where(now)),
  });
  const best = new Float64Array(stepCount);

  /** Appends an owner's events in [from, to] matching any step. */
  const collect = (tests: StepTests, owner: number, ownerTag: number, from: number, to: number, into: Candidates) => {
    const { table } = tests;
    const lo = table.ownerOffsets[owner]!;
    const hi = table.ownerOffsets[owner + 1]!;
    const time = table.time;
    const codes = table.type.codes;
    for (let r = lo; r < hi; r++) {
      const t = time[r]!;
      if (t < from) continue;
      if (t > to) break;
      const code = codes[r]!;
      if (code < 0) continue;
      let mask = 0;
      for (let k = 0; k < stepCount; k++) {
        if (tests.typeMatch[k]![code] === 1 && (tests.where[k] === undefined || tests.where[k]!(r))) mask |= 1 << k;
      }
      if (mask !== 0) into.push(t, mask, ownerTag, r);
    }
  };

  /** Whether the candidates (in time order) hold the whole sequence within `within`. */
  const holds = (c: Candidates): boolean => {
    best.fill(Number.NaN);
    for (let i = 0; i < c.length; i++) {
      const t = c.times[i]!;
      const mask = c.masks[i]!;
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

  const sortByTime = (c: Candidates) => {
    const order = Array.from({ length: c.length }, (_, i) => i).sort(
      (x, y) => c.times[x]! - c.times[y]! || c.owners[x]! - c.owners[y]! || c.rows[x]! - c.rows[y]!,
    );
    const copy = { times: c.times.slice(0, c.length), masks: c.masks.slice(0, c.length), owners: c.owners.slice(0, c.length), rows: c.rows.slice(0, c.length) };
    order.forEach((from, to) => {
      c.times[to] = copy.times[from]!;
      c.masks[to] = copy.masks[from]!;
      c.owners[to] = copy.owners[from]!;
      c.rows[to] = copy.rows[from]!;
    });
  };

  /** Whether `row` (a person, or an account) holds the sequence at this run. */
  const rowHolds = (state: RunState, row: number, c: Candidates, personBits?: Bitset): boolean => {
    const { from, to } = eventWindowAt(condition, state.now);
    if (from > to) return false;
    const personTests = testsAt(snapshot.personEvents, personSteps, state.now);
    if (!atAccount) {
      c.length = 0;
      collect(personTests, row, row, from, to, c);
      return holds(c);
    }
    const accountTests = testsAt(snapshot.accountEvents, accountSteps, state.now);
    const people = snapshot.accountPeople.of(row);
    if (samePerson) {
      for (const p of people) if (personBits ? personBits.has(p) : ((c.length = 0), collect(personTests, p, p, from, to, c), holds(c))) return true;
      c.length = 0;
      collect(accountTests, row, -1, from, to, c);
      return holds(c);
    }
    c.length = 0;
    for (const p of people) collect(personTests, p, p, from, to, c);
    collect(accountTests, row, -1, from, to, c);
    sortByTime(c);
    return holds(c);
  };

  const compute = (state: RunState): Bitset => {
    const candidates = new Candidates();
    const { from, to } = eventWindowAt(condition, state.now);
    const personTests = testsAt(snapshot.personEvents, personSteps, state.now);
    const personBits = atAccount && !samePerson ? undefined : new Bitset(snapshot.persons.size);
    if (personBits && from <= to) {
      for (let p = 0; p < snapshot.persons.size; p++) {
        candidates.length = 0;
        collect(personTests, p, p, from, to, candidates);
        if (candidates.length >= stepCount && holds(candidates)) personBits.add(p);
      }
    }
    if (!atAccount) return personBits!;
    const out = new Bitset(scope.table.size);
    for (let a = 0; a < scope.table.size; a++) if (rowHolds(state, a, candidates, personBits)) out.add(a);
    return out;
  };

  return {
    condition,
    path,
    scope,
    children: [],
    compute,
    explain: (state, row, held) => {
      const c = new Candidates();
      const { from, to } = eventWindowAt(condition, state.now);
      const personTests = testsAt(snapshot.personEvents, personSteps, state.now);
      if (!atAccount) collect(personTests, row, row, from, to, c);
      else {
        for (const p of snapshot.accountPeople.of(row)) collect(personTests, p, p, from, to, c);
        collect(testsAt(snapshot.accountEvents, accountSteps, state.now), row, -1, from, to, c);
        sortByTime(c);
      }
      const examples = Array.from({ length: Math.min(c.length, 10) }, (_, i) => {
        const table = c.owners[i]! < 0 ? snapshot.accountEvents : snapshot.personEvents;
        const steps = condition.steps.map((_, k) => k + 1).filter((k) => (c.masks[i]! & (1 << (k - 1))) !== 0);
        return {
          id: table.id(c.rows[i]!),
          type: table.type.value(c.rows[i]!),
          occurredAt: epochMsToInstant(c.times[i]!),
          owner: c.owners[i]! < 0 ? snapshot.accounts.id(row) : snapshot.persons.id(c.owners[i]!),
          steps,
        };
      });
      return {
        summary: `sequence of ${stepCount} steps within ${condition.within.amount} ${condition.within.unit}${atAccount ? (samePerson ? " (same person)" : " (any people)") : ""}: ${c.length} candidate events → ${held ? "held" : "failed"}`,
        evidence: { candidates: c.length, examples },
      };
    },
  };
}
