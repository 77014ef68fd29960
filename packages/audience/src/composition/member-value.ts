import type { AudienceErrorCode } from "../error-codes.js";
import {
  AbmKitError,
  epochMsToDate,
  epochMsToInstant,
  type AttributeValue,
  type Column,
  type NumberColumn,
  type ProblemPath,
  type Snapshot,
} from "@abm-kit/core";
import { resolveWindow } from "../definition/resolve-time.js";
import type { AudienceType as MemberType } from "../definition/audience.js";
import { memberRelation, primaryAccountOf } from "./member-relations.js";
import { memberTable } from "./member-rows.js";
import { compileRowFilter, rejectUnknownFields } from "./row-filter.js";
import type { MemberValue } from "./member-value.schema.js";

/** A member value compiled against a snapshot: read it per member row (-1 for a member not in the snapshot). */
export interface MemberValueReader {
  /** The value in its JSON form (instants and dates as ISO strings); `null` when missing. */
  read(row: number): AttributeValue;
  /** The value as a number (instants and dates as epoch ms); NaN when missing or not numeric. */
  numeric(row: number): number;
  /** Whether `numeric` can give numbers at all. */
  readonly isNumeric: boolean;
}

const fail = (code: AudienceErrorCode, message: string, path: ProblemPath): never => {
  throw new AbmKitError<AudienceErrorCode>(code, message, [{ path: [...path], message }]);
};

function columnOf(table: { column(name: string): Column | undefined; name: string }, field: string, path: ProblemPath): Column {
  return table.column(field) ?? fail("UNKNOWN_FIELD", `${table.name} has no field ${field}`, [...path, "field"]);
}

function isTimeOrNumber(column: Column): column is NumberColumn {
  return column.type === "number" || column.type === "instant" || column.type === "date";
}

function numberOf(column: Column, row: number): number {
  if (isTimeOrNumber(column)) return column.values[row]!;
  return Number.NaN;
}

function fromEpoch(ms: number, type: Column["type"]): AttributeValue {
  if (Number.isNaN(ms)) return null;
  if (type === "instant") return epochMsToInstant(ms);
  if (type === "date") return epochMsToDate(ms);
  return ms;
}

function fieldReader(snapshot: Snapshot, type: MemberType, spec: Extract<MemberValue, { kind: "field" }>, path: ProblemPath): MemberValueReader {
  if (spec.via === "primaryAccount" && type !== "person") fail("INVALID_MEMBER_VALUE", "via primaryAccount applies to person members only", [...path, "via"]);
  const table = spec.via === "primaryAccount" ? snapshot.accounts : memberTable(snapshot, type);
  const toRow = spec.via === "primaryAccount" ? (row: number) => (row < 0 ? -1 : primaryAccountOf(snapshot, row)) : (row: number) => row;
  if (spec.field === "id") {
    return { isNumeric: false, read: (row) => (toRow(row) < 0 ? null : table.id(toRow(row))), numeric: () => Number.NaN };
  }
  const column = columnOf(table, spec.field, path);
  return {
    isNumeric: isTimeOrNumber(column),
    read: (row) => (toRow(row) < 0 ? null : column.value(toRow(row))),
    numeric: (row) => (toRow(row) < 0 ? Number.NaN : numberOf(column, toRow(row))),
  };
}

function aggregateReader(
  snapshot: Snapshot,
  type: MemberType,
  spec: Extract<MemberValue, { kind: "aggregate" }>,
  nowMs: number,
  path: ProblemPath,
): MemberValueReader {
  const relation = memberRelation(snapshot, type, spec.relation, [...path, "relation"]);
  const filter = compileRowFilter(snapshot, spec.where, relation.table, spec.relation, [...path, "where"], nowMs);
  rejectUnknownFields([filter]);
  const matches = filter.test;
  const column = spec.field === undefined ? undefined : columnOf(relation.table, spec.field, path);
  if ((spec.fn === "sum" || spec.fn === "avg") && column !== undefined && column.type !== "number") {
    fail("INVALID_MEMBER_VALUE", `${spec.fn} needs a number field; ${spec.field} holds ${column.type}s`, [...path, "field"]);
  }
  if ((spec.fn === "min" || spec.fn === "max") && column !== undefined && !isTimeOrNumber(column)) {
    fail("INVALID_MEMBER_VALUE", `${spec.fn} needs a number, instant or date field; ${spec.field} holds ${column.type}s`, [...path, "field"]);
  }
  const compute = (row: number): number => {
    if (row < 0) return spec.fn === "count" || spec.fn === "sum" || spec.fn === "countDistinct" ? 0 : Number.NaN;
    const rows = relation.rows.of(row).filter((r) => matches(r));
    if (spec.fn === "count") return rows.length;
    if (spec.fn === "countDistinct") {
      const seen = new Set<string>();
      for (const r of rows) {
        const v = column!.value(r);
        if (v === null) continue;
        for (const one of Array.isArray(v) ? v : [v]) seen.add(`${typeof one}:${String(one)}`);
      }
      return seen.size;
    }
    let sum = 0;
    let n = 0;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const r of rows) {
      const v = numberOf(column!, r);
      if (Number.isNaN(v)) continue;
      sum += v;
      n++;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (spec.fn === "sum") return sum;
    if (n === 0) return Number.NaN;
    return spec.fn === "avg" ? sum / n : spec.fn === "min" ? min : max;
  };
  const keepsFieldType = (spec.fn === "min" || spec.fn === "max") && column !== undefined;
  return {
    isNumeric: true,
    numeric: compute,
    read: (row) => (keepsFieldType ? fromEpoch(compute(row), column.type) : fromEpoch(compute(row), "number")),
  };
}

function eventCountReader(
  snapshot: Snapshot,
  type: MemberType,
  spec: Extract<MemberValue, { kind: "events" }>,
  nowMs: number,
  path: ProblemPath,
): MemberValueReader {
  const window = resolveWindow(spec.window, nowMs);
  const to = Math.min(window.to, nowMs);
  const owner = spec.owner ?? (type === "person" ? "person" : "any");
  const codesOf = (table: typeof snapshot.personEvents) => new Set(spec.types.map((t) => table.type.dictionary.codeOf(t)).filter((c) => c >= 0));
  const personTypes = codesOf(snapshot.personEvents);
  const accountTypes = codesOf(snapshot.accountEvents);
  const personFilter = compileRowFilter(snapshot, spec.where, snapshot.personEvents, "event", [...path, "where"], nowMs);
  const accountFilter = compileRowFilter(snapshot, spec.where, snapshot.accountEvents, "event", [...path, "where"], nowMs);
  const readsPersonEvents = type === "person" || owner !== "account";
  const readsAccountEvents = type === "account" && owner !== "person" && spec.countDistinct !== "people";
  rejectUnknownFields([...(readsPersonEvents ? [personFilter] : []), ...(readsAccountEvents ? [accountFilter] : [])]);
  const countIn = (table: typeof snapshot.personEvents, types: ReadonlySet<number>, ownerRow: number): number => {
    if (types.size === 0) return 0;
    const matches = table === snapshot.personEvents ? personFilter.test : accountFilter.test;
    const { start, end } = table.window(ownerRow, window.from, to);
    let n = 0;
    for (let e = start; e < end; e++) if (types.has(table.type.codes[e]!) && matches(e)) n++;
    return n;
  };
  const compute = (row: number): number => {
    if (row < 0) return 0;
    if (type === "person") return owner === "account" ? 0 : countIn(snapshot.personEvents, personTypes, row);
    let n = owner === "person" || spec.countDistinct === "people" ? 0 : countIn(snapshot.accountEvents, accountTypes, row);
    if (owner === "account") return n;
    for (const person of snapshot.peopleOf(row)) {
      const events = countIn(snapshot.personEvents, personTypes, person);
      n += spec.countDistinct === "people" ? Math.min(events, 1) : events;
    }
    return n;
  };
  return { isNumeric: true, numeric: compute, read: compute };
}

/**
 * Compiles a member value against a snapshot. Unknown fields and relations
 * raise typed errors naming `path`. `nowMs` anchors event windows.
 */
export function compileMemberValue(snapshot: Snapshot, type: MemberType, spec: MemberValue, nowMs: number, path: ProblemPath = []): MemberValueReader {
  switch (spec.kind) {
    case "field":
      return fieldReader(snapshot, type, spec, path);
    case "aggregate":
      return aggregateReader(snapshot, type, spec, nowMs, path);
    case "events":
      return eventCountReader(snapshot, type, spec, nowMs, path);
  }
}
