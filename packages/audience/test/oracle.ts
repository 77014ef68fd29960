import type { AttributeValue, Snapshot, Table } from "@abm-kit/core";
import type { Condition } from "../src/index.js";

/**
 * A naive reference interpreter for a subset of conditions (text and number
 * attributes, and/or/not, related people/accounts with some/none/all/count),
 * following the documented semantics literally, one row at a time. A test oracle.
 */
export function oracleHolds(condition: Condition, snapshot: Snapshot, kind: "account" | "person", row: number): boolean {
  const table: Table<string> = kind === "account" ? snapshot.accounts : snapshot.persons;
  switch (condition.kind) {
    case "and":
      return condition.conditions.every((c) => oracleHolds(c, snapshot, kind, row));
    case "or":
      return condition.conditions.some((c) => oracleHolds(c, snapshot, kind, row));
    case "not":
      return !oracleHolds(condition.condition, snapshot, kind, row);
    case "attribute":
      return attributeHolds(condition, table.value(row, condition.field) ?? null);
    case "related": {
      const targets = kind === "account" ? [...snapshot.peopleOf(row)] : [...snapshot.accountsOf(row)];
      const other = kind === "account" ? "person" : "account";
      const matched = targets.filter((t) => (condition.where ? oracleHolds(condition.where, snapshot, other, t) : true)).length;
      if (condition.quantifier === "some") return matched > 0;
      if (condition.quantifier === "none") return matched === 0;
      if (condition.quantifier === "all") return matched === targets.length;
      const c = condition.comparator!;
      return c.op === "gte" ? matched >= c.value : c.op === "eq" ? matched === c.value : false;
    }
    default:
      throw new Error(`the oracle does not cover ${condition.kind}`);
  }
}

function attributeHolds(c: Extract<Condition, { kind: "attribute" }>, value: AttributeValue): boolean {
  if (c.op === "exists") return value !== null;
  if (c.op === "missing") return value === null;
  if (value === null || Array.isArray(value)) return false;
  const fold = (v: unknown) => (c.caseInsensitive && typeof v === "string" ? v.toLowerCase() : v);
  const x = fold(value) as string | number;
  const v = fold(c.value) as string | number;
  const vs = (c.values ?? []).map(fold) as (string | number)[];
  switch (c.op) {
    case "eq":
      return x === v;
    case "neq":
      return x !== v;
    case "in":
      return vs.includes(x);
    case "notIn":
      return !vs.includes(x);
    case "gt":
      return x > v;
    case "gte":
      return x >= v;
    case "lt":
      return x < v;
    case "lte":
      return x <= v;
    case "contains":
      return String(x).includes(String(v));
    case "startsWith":
      return String(x).startsWith(String(v));
    default:
      throw new Error(`the oracle does not cover ${c.op}`);
  }
}
