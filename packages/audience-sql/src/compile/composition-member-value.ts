import type { AudienceSqlErrorCode } from "../error-codes.js";
import { AbmKitError, type Problem, type ProblemPath } from "@abm-kit/core";
import type { AudienceType, Condition, MemberValue } from "@abm-kit/audience";
import { TABLE_NAMES } from "../layout/table-names.js";
import { conditionSql } from "./condition-sql.js";
import { fieldColumn, indent, type SqlCompileContext, type SqlScope } from "./context.js";
import { eventFilterSql, eventFrom, eventScope } from "./event-filter-sql.js";
import { activeLink, entityScope, relationSql } from "./relations-sql.js";
import { isoTextSql } from "./composition-iso-text.js";
import { withSharedWarnings } from "./shared-warnings.js";
import { windowSql } from "./time-sql.js";

const fail = (code: AudienceSqlErrorCode, message: string, path: ProblemPath, problems?: readonly Problem[]): never => {
  throw new AbmKitError<AudienceSqlErrorCode>(code, message, problems && problems.length > 0 ? problems : [{ path: [...path], message }]);
};

/** Compiles `compile` with its own problem lists; errors raise `INVALID_MEMBER_VALUE`, unknown fields `UNKNOWN_FIELD` (the in-memory engine's errors). */
function strictly(context: SqlCompileContext, label: string, compile: (local: SqlCompileContext) => string): string {
  const local: SqlCompileContext = { ...context, errors: [], warnings: [] };
  const sql = compile(local);
  if (local.errors.length > 0)
    fail("INVALID_MEMBER_VALUE", `the where of a member value does not fit ${label} rows: ${local.errors[0]!.message}`, [], local.errors);
  const unknown = local.warnings.filter((w) => w.code === "unknown_field");
  if (unknown.length > 0) fail("UNKNOWN_FIELD", `a member value's where names an unknown field: ${unknown[0]!.message}`, [], unknown);
  context.warnings.push(...local.warnings);
  return sql;
}

function isTime(type: string | undefined): type is "instant" | "date" {
  return type === "instant" || type === "date";
}

/** A person's primary account id: the smallest account of an active primary link, else of any active link (NULL without one). */
function primaryAccountIdSql(context: SqlCompileContext, person: string): string {
  const q = context.dialect.quote;
  const l = context.alias();
  const a = `${l}a`;
  const primary = Object.hasOwn(context.layout.links, "isPrimary")
    ? `COALESCE(${fieldColumn(context, l, context.layout.links, "isPrimary")} = TRUE, FALSE)`
    : "FALSE";
  const smallest = (test: string) =>
    `(SELECT MIN(${context.dialect.binaryText(`${l}._account_id`)}) FROM ${q(TABLE_NAMES.links)} AS ${l} JOIN ${q(TABLE_NAMES.accounts)} AS ${a} ON ${a}.id = ${l}._account_id WHERE ${l}._person_id = ${person} AND ${activeLink(context, l)}${test})`;
  return `COALESCE(${smallest(` AND ${primary}`)}, ${smallest("")})`;
}

/** How a member value is wanted: a number to rank by (instants and dates as epoch ms), or its JSON form for export (instants and dates as ISO text). */
export type MemberValueForm = "numeric" | "json";

/** A time column in the wanted form. */
function timeSql(x: string, type: "instant" | "date", form: MemberValueForm, context: SqlCompileContext): string {
  return form === "numeric" ? context.dialect.epochMs(x, type) : isoTextSql(x, type, context);
}

function fieldValueSql(
  spec: Extract<MemberValue, { kind: "field" }>,
  member: SqlScope,
  path: ProblemPath,
  context: SqlCompileContext,
  form: MemberValueForm,
): { sql: string; numeric: boolean } {
  if (spec.via === "primaryAccount" && member.kind !== "person")
    fail("INVALID_MEMBER_VALUE", "via primaryAccount applies to person members only", [...path, "via"]);
  const viaAccount = spec.via === "primaryAccount";
  const fields = viaAccount ? context.layout.accounts : member.fields;
  const isId = spec.field === "id" && !Object.hasOwn(fields, "id");
  if (!isId && !Object.hasOwn(fields, spec.field))
    fail("UNKNOWN_FIELD", `${viaAccount ? "accounts" : member.kind === "account" ? "accounts" : "persons"} has no field ${spec.field}`, [...path, "field"]);
  const type = isId ? "string" : fields[spec.field]!;
  const numeric = type === "number" || isTime(type);
  if (form === "numeric" && !numeric) return { sql: "NULL", numeric: false };
  const value = (alias: string) => {
    const x = isId ? `${alias}.id` : fieldColumn(context, alias, fields, spec.field);
    return isTime(type) ? timeSql(x, type, form, context) : x;
  };
  if (!viaAccount) return { sql: value(member.alias), numeric };
  const account = entityScope(context, "account");
  return {
    sql: `(SELECT ${value(account.alias)} FROM ${context.dialect.quote(TABLE_NAMES.accounts)} AS ${account.alias} WHERE ${account.alias}.id = ${primaryAccountIdSql(context, `${member.alias}.id`)})`,
    numeric,
  };
}

function aggregateValueSql(
  spec: Extract<MemberValue, { kind: "aggregate" }>,
  member: SqlScope,
  path: ProblemPath,
  context: SqlCompileContext,
  form: MemberValueForm,
): string {
  const relation = relationSql(context, member, spec.relation);
  if (typeof relation === "string") return fail("UNKNOWN_RELATION", relation, [...path, "relation"]);
  const { target, tables, link } = relation;
  const where =
    spec.where === undefined
      ? "TRUE"
      : `(\n${indent(strictly(context, spec.relation, (local) => conditionSql(spec.where as Condition, target, [...path, "where"], local)))}\n)`;
  const type =
    spec.field === undefined
      ? undefined
      : Object.hasOwn(target.fields, spec.field)
        ? target.fields[spec.field]
        : fail("UNKNOWN_FIELD", `${spec.relation} has no field ${spec.field}`, [...path, "field"]);
  if ((spec.fn === "sum" || spec.fn === "avg") && type !== undefined && type !== "number")
    fail("INVALID_MEMBER_VALUE", `${spec.fn} needs a number field; ${spec.field} holds ${type}s`, [...path, "field"]);
  if ((spec.fn === "min" || spec.fn === "max") && type !== undefined && type !== "number" && !isTime(type)) {
    fail("INVALID_MEMBER_VALUE", `${spec.fn} needs a number, instant or date field; ${spec.field} holds ${type}s`, [...path, "field"]);
  }
  const select = (what: string) => `(\n  SELECT ${what}\n  FROM ${tables}\n  WHERE ${link}\n    AND ${where.replace(/\n/g, "\n    ")}\n)`;
  if (spec.fn === "count") return context.dialect.toDouble(select("COUNT(*)"));
  const x = fieldColumn(context, target.alias, target.fields, spec.field!);
  if (spec.fn === "countDistinct") {
    if (type === "multi") {
      const elements = context.dialect.arrayElements(x, tables, `${link} AND ${where.replace(/\n/g, "\n  ")}`);
      return context.dialect.toDouble(`(SELECT COUNT(DISTINCT v) FROM (\n  ${elements}\n) AS elements)`);
    }
    return context.dialect.toDouble(select(`COUNT(DISTINCT ${x})`));
  }
  if (form === "json" && isTime(type)) return timeSql(select(`${spec.fn.toUpperCase()}(${x})`), type, form, context); // min / max keep the field's type
  const value = type === "number" ? x : context.dialect.epochMs(x, type as "instant" | "date");
  const aggregate = spec.fn === "sum" ? `COALESCE(SUM(${value}), 0)` : `${spec.fn.toUpperCase()}(${value})`;
  return select(context.dialect.toDouble(aggregate));
}

function eventCountSql(spec: Extract<MemberValue, { kind: "events" }>, member: SqlScope, path: ProblemPath, context: SqlCompileContext): string {
  const atAccount = member.kind === "account";
  const owner = spec.owner ?? (atAccount ? "any" : "person");
  const distinctPeople = spec.countDistinct === "people";
  const readsPeople = !atAccount || owner !== "account";
  const readsAccount = atAccount && owner !== "person" && !distinctPeople;
  const window = windowSql(spec.window, context);
  const tables: ("person" | "account")[] = [...(readsPeople ? ["person" as const] : []), ...(readsAccount ? ["account" as const] : [])];
  const counts = strictly(context, "event", (shared) =>
    withSharedWarnings(shared, tables, (table, local) => {
      const e = local.alias();
      const filter = eventFilterSql(spec.types, spec.where, window, eventScope(local, table, e), path, local).replace(/\n/g, "\n    ");
      if (table === "account" || !atAccount)
        return `(\n  SELECT COUNT(*)\n  FROM ${eventFrom(local, table, e)}\n  WHERE ${e}._owner_id = ${member.alias}.id\n    AND ${filter}\n)`;
      const l = `${e}l`;
      return `(\n  SELECT ${distinctPeople ? `COUNT(DISTINCT ${e}._owner_id)` : "COUNT(*)"}\n  FROM ${local.dialect.quote(TABLE_NAMES.links)} AS ${l} JOIN ${eventFrom(local, "person", e)} ON ${e}._owner_id = ${l}._person_id\n  WHERE ${l}._account_id = ${member.alias}.id AND ${activeLink(local, l)}\n    AND ${filter}\n)`;
    }).join(" + "),
  );
  // a person's value counting only account events, or an account's counting distinct people of its own events, is 0 (as in memory)
  if ((!atAccount && owner === "account") || counts === "") return context.dialect.toDouble("0");
  return context.dialect.toDouble(counts);
}

/**
 * A member value as an SQL expression over the member row `member`, with the
 * in-memory engine's semantics: over zero rows `count`, `sum` and
 * `countDistinct` 0 and `avg`, `min`, `max` NULL; events after `now` never
 * counted. In `numeric` form (what rank orders by) it is a double with
 * instants and dates as epoch milliseconds, and a value that is not a number
 * raises `INVALID_MEMBER_VALUE`; in `json` form (what enrich attaches) a field
 * keeps its type, instants and dates (and `min` / `max` of them) as ISO text.
 * Unknown fields and relations raise the in-memory engine's typed errors
 * (`UNKNOWN_FIELD`, `UNKNOWN_RELATION`, `INVALID_MEMBER_VALUE`).
 */
export function memberValueSql(
  spec: MemberValue,
  type: AudienceType,
  member: SqlScope,
  path: ProblemPath,
  context: SqlCompileContext,
  form: MemberValueForm = "numeric",
): string {
  if (spec.kind === "aggregate") return aggregateValueSql(spec, member, path, context, form);
  if (spec.kind === "events") return eventCountSql(spec, member, path, context);
  const field = fieldValueSql(spec, member, path, context, form);
  if (form === "numeric" && !field.numeric)
    fail("INVALID_MEMBER_VALUE", `rank orders by a number, instant or date; ${type} value ${spec.field} is not one`, [...path]);
  return field.sql;
}
