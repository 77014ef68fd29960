import type { AttributeValue, Table } from "@abm-kit/core";
import type { Condition } from "../../definition/condition.js";
import { columnOf } from "../synthetic-columns.js";

/** The field names attribute conditions read in a subtree (not crossing into other relations). */
export function fieldsReadBy(condition: Condition | undefined, out: Set<string> = new Set()): Set<string> {
  if (condition === undefined) return out;
  if (condition.kind === "attribute") out.add(condition.field);
  else if (condition.kind === "and" || condition.kind === "or") for (const c of condition.conditions) fieldsReadBy(c, out);
  else if (condition.kind === "not") fieldsReadBy(condition.condition, out);
  return out;
}

/** A row as evidence: its id and the values of `fields`. */
export function rowFacts(table: Table<string>, row: number, fields: Iterable<string>): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = { id: table.id(row) };
  for (const field of fields) out[field] = columnOf(table, field)?.value(row) ?? null;
  return out;
}

/** How many rows evidence lists at most. */
export const EVIDENCE_LIMIT = 10;
