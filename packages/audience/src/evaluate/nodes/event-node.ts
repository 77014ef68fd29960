import type { EventTable, ProblemPath } from "@abm-kit/core";
import { epochMsToInstant } from "@abm-kit/core";
import type { EventCondition } from "../../definition/condition.js";
import { resolveWindow } from "../../definition/resolve-time.js";
import { Bitset } from "../bitset.js";
import { comparatorTest } from "../comparator-test.js";
import type { CompileContext, Scope } from "../compile-context.js";
import { compileEventFilters, countEvents, listEvents, type EventFilter } from "../event-filter.js";
import type { PlanNode, RunState } from "../plan-node.js";
import { EVIDENCE_LIMIT } from "./row-facts.js";

const AT_LEAST_ONE = { op: "gte", value: 1 } as const;

/** The window of an event condition at `now`, cut at `now` (later events never count). */
export function eventWindowAt(condition: { window: EventCondition["window"] }, now: number): { from: number; to: number } {
  const { from, to } = resolveWindow(condition.window, now);
  return { from, to: Math.min(to, now) };
}

/**
 * Counts events per owner with a binary search of each owner's time-sorted
 * range. At account level, per-person counts are computed once and summed over
 * each account's people (each person once), plus the account's own events.
 */
export function eventNode(condition: EventCondition, scope: Scope, path: ProblemPath, context: CompileContext): PlanNode {
  const snapshot = context.snapshot;
  const atAccount = scope.kind === "account";
  const owner = condition.owner ?? (atAccount ? "any" : "person");
  const distinctPeople = condition.countDistinct === "people";
  const readsPeople = !atAccount || owner !== "account";
  const readsAccount = atAccount && owner !== "person" && !distinctPeople;
  const tables: EventTable[] = [];
  if (readsPeople) tables.push(snapshot.personEvents);
  if (readsAccount) tables.push(snapshot.accountEvents);
  const filters = compileEventFilters(condition.types, condition.where, tables, path, context);
  const personFilter: EventFilter | undefined = readsPeople ? filters[0] : undefined;
  const accountFilter: EventFilter | undefined = readsAccount ? filters[filters.length - 1] : undefined;
  const passes = comparatorTest(condition.count ?? AT_LEAST_ONE);

  const personCounts = (state: RunState, from: number, to: number): Int32Array => {
    const persons = snapshot.persons.size;
    const counts = new Int32Array(persons);
    if (personFilter === undefined || from > to) return counts;
    const where = personFilter.where(state.now);
    for (let p = 0; p < persons; p++) counts[p] = countEvents(personFilter, where, p, from, to);
    return counts;
  };

  const compute = (state: RunState): Bitset => {
    const { from, to } = eventWindowAt(condition, state.now);
    const size = scope.table.size;
    const out = new Bitset(size);
    if (!atAccount) {
      const counts = personCounts(state, from, to);
      for (let p = 0; p < size; p++) if (passes(counts[p]!)) out.add(p);
      return out;
    }
    const counts = readsPeople ? personCounts(state, from, to) : undefined;
    const accountWhere = accountFilter?.where(state.now);
    const { offsets, targets } = snapshot.accountPeople;
    for (let a = 0; a < size; a++) {
      let n = 0;
      if (counts !== undefined) {
        for (let k = offsets[a]!; k < offsets[a + 1]!; k++) {
          const c = counts[targets[k]!]!;
          n += distinctPeople ? (c > 0 ? 1 : 0) : c;
        }
      }
      if (accountFilter !== undefined && from <= to) n += countEvents(accountFilter, accountWhere, a, from, to);
      if (passes(n)) out.add(a);
    }
    return out;
  };

  return {
    condition,
    path,
    scope,
    children: [],
    compute,
    explain: (state, row, held) => {
      const { from, to } = eventWindowAt(condition, state.now);
      const events: Record<string, unknown>[] = [];
      let count = 0;
      const people = new Set<string>();
      const describe = (filter: EventFilter, ownerRow: number, ownerKey: "personId" | "accountId", ownerId: string) => {
        const where = filter.where(state.now);
        const n = from <= to ? countEvents(filter, where, ownerRow, from, to) : 0;
        count += n;
        if (n > 0 && ownerKey === "personId") people.add(ownerId);
        const rows = from <= to ? listEvents(filter, where, ownerRow, from, to, EVIDENCE_LIMIT - events.length) : [];
        for (const r of rows)
          events.push({ id: filter.table.id(r), type: filter.table.type.value(r), occurredAt: epochMsToInstant(filter.table.time[r]!), [ownerKey]: ownerId });
      };
      if (!atAccount) describe(personFilter!, row, "personId", snapshot.persons.id(row));
      else {
        if (personFilter) for (const p of snapshot.accountPeople.of(row)) describe(personFilter, p, "personId", snapshot.persons.id(p));
        if (accountFilter) describe(accountFilter, row, "accountId", snapshot.accounts.id(row));
      }
      const counted = distinctPeople ? people.size : count;
      const window = { from: Number.isFinite(from) ? epochMsToInstant(from) : null, to: epochMsToInstant(to) };
      return {
        summary: `${counted} ${distinctPeople ? "people with" : ""} ${condition.types.join(" | ")} events in window → ${held ? "held" : "failed"}`.replace(
          /\s+/g,
          " ",
        ),
        evidence: { counted, events: count, people: [...people].slice(0, EVIDENCE_LIMIT), window, examples: events },
      };
    },
  };
}
