import type { AudienceSqlErrorCode } from "../error-codes.js";
import { AbmKitError, type FieldType, type ProblemPath } from "@abm-kit/core";
import { fieldColumn, type SqlCompileContext, type SqlScope } from "./context.js";
import { timestampText } from "./time-sql.js";

/** A value an attribute split branch lists. */
export type SplitValueInput = string | number | boolean;

/** Whether `text` is a date in the form the Snapshot gives dates (`YYYY-MM-DD`, a real day). */
function isCanonicalDate(text: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(text) &&
    !Number.isNaN(Date.parse(`${text}T00:00:00.000Z`)) &&
    new Date(`${text}T00:00:00.000Z`).toISOString().slice(0, 10) === text
  );
}

/** Whether `text` is an instant in the form the Snapshot gives instants (`toISOString()`). */
function isCanonicalInstant(text: string): boolean {
  const ms = Date.parse(text);
  return !Number.isNaN(ms) && new Date(ms).toISOString() === text;
}

/**
 * Whether the member's `field` holds one of `values`, compared as the
 * in-memory split compares a field's JSON value: strings exactly, numbers and
 * booleans by value, a multi-value field by any element, instants and dates
 * as their ISO text (a listed value in another form never matches). A missing
 * value matches nothing. Each value is a bound parameter.
 */
export function attributeBranchSql(type: FieldType, column: string, values: readonly SplitValueInput[], context: SqlCompileContext): string {
  const { params, dialect } = context;
  const tests: string[] = [];
  for (const value of values) {
    if (type === "string" && typeof value === "string") tests.push(`${column} = ${params.add(value, "text")}`);
    else if (type === "number" && typeof value === "number") tests.push(`${column} = ${params.add(value, "number")}`);
    else if (type === "boolean" && typeof value === "boolean") tests.push(`${column} = ${params.add(value, "boolean")}`);
    else if (type === "multi" && typeof value === "string") tests.push(dialect.arrayHas(column, params.add(value, "text"), false));
    else if (type === "date" && typeof value === "string" && isCanonicalDate(value))
      tests.push(`${column} = ${dialect.toDate(params.add(`${value} 00:00:00.000`, "timestamp"))}`);
    else if (type === "instant" && typeof value === "string" && isCanonicalInstant(value))
      tests.push(`${column} = ${params.add(timestampText(Date.parse(value)), "timestamp")}`);
  }
  return tests.length === 0 ? "FALSE" : `COALESCE((${tests.join(" OR ")}), FALSE)`;
}

/** The column and type of a split field of the member rows; an unknown field raises `UNKNOWN_FIELD` as the in-memory split does. */
export function splitFieldColumn(member: SqlScope, field: string, path: ProblemPath, context: SqlCompileContext): { column: string; type: FieldType } {
  if (!Object.hasOwn(member.fields, field)) {
    throw new AbmKitError<AudienceSqlErrorCode>("UNKNOWN_FIELD", `${member.kind}s have no field ${field}`, [
      { path: [...path], message: `no ${member.kind} field ${field}` },
    ]);
  }
  return { column: fieldColumn(context, member.alias, member.fields, field), type: member.fields[field]! };
}
