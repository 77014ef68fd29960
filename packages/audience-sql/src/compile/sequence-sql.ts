import type { ProblemPath } from "@abm-kit/core";
import type { SequenceCondition } from "@abm-kit/audience";
import { TABLE_NAMES } from "../layout/table-names.js";
import { formatPathShort } from "./path-text.js";
import { fieldColumn, indent, type SqlCompileContext, type SqlScope } from "./context.js";
import { eventFilterSql, eventFrom, eventScope } from "./event-filter-sql.js";
import { activeLink } from "./relations-sql.js";
import { withSharedWarnings } from "./shared-warnings.js";
import { windowSql } from "./time-sql.js";

/** Group kinds of a sequence's chains: an account's own events, a person's events, an account's people's and own events together. */
const ACCOUNT = 0;
const PERSON = 1;
const ACCOUNT_ALL = 2;

/**
 * Ordered events as CTEs. Candidate events (in the window, up to `now`) carry
 * their group, time and order key `(time, source, row)` and one flag per step.
 * Step k keeps, for each event matching it, the latest start (time of step 1)
 * of a chain ending strictly before it in that order — a running MAX over the
 * group, the same "latest start" the in-memory engine keeps. The sequence holds
 * for a group when an event of the last step is within `within` of its start.
 */
export function sequenceSql(condition: SequenceCondition, scope: SqlScope, path: ProblemPath, context: SqlCompileContext): string {
  const atAccount = scope.kind === "account";
  const samePerson = condition.samePerson ?? true;
  const name = context.cteName("seq");
  const q = context.dialect.quote;
  const window = windowSql(condition.window, context);
  const stepCount = condition.steps.length;

  const candidates = (owner: "person" | "account", groupKind: number, throughLinks: boolean, local: SqlCompileContext): string => {
    const e = local.alias();
    const scopeOf = eventScope(local, owner, e);
    const flags = condition.steps.map((step, k) => {
      const filter = eventFilterSql(step.types, step.where, window, scopeOf, [...path, "steps", k], local);
      return `COALESCE((${filter.replace(/\n\s*/g, " ")}), FALSE) AS m${k}`;
    });
    const time = fieldColumn(local, e, scopeOf.fields, "occurredAt");
    const source = owner === "account" ? 0 : 1;
    if (throughLinks) {
      const l = `${e}l`;
      return `SELECT ${groupKind} AS g_kind, ${l}._account_id AS g, ${time} AS t, ${source} AS src, ${e}._row AS ord,\n  ${flags.join(",\n  ")}\nFROM ${q(TABLE_NAMES.links)} AS ${l} JOIN ${eventFrom(context, owner, e)} ON ${e}._owner_id = ${l}._person_id\nWHERE ${activeLink(context, l)}`;
    }
    return `SELECT ${groupKind} AS g_kind, ${e}._owner_id AS g, ${time} AS t, ${source} AS src, ${e}._row AS ord,\n  ${flags.join(",\n  ")}\nFROM ${eventFrom(context, owner, e)}`;
  };

  const tables: ("person" | "account")[] = atAccount ? ["person", "account"] : ["person"];
  const parts = withSharedWarnings(context, tables, (owner, local) => {
    if (!atAccount) return candidates(owner, PERSON, false, local);
    if (samePerson) return candidates(owner, owner === "person" ? PERSON : ACCOUNT, false, local);
    return candidates(owner, ACCOUNT_ALL, owner === "person", local);
  });
  const label = formatPathShort(path);
  context.ctes.push({ name: `${name}_events`, comment: `${label}: candidate events of the sequence`, body: parts.join("\nUNION ALL\n") });
  context.ctes.push({
    name: `${name}_s0`,
    comment: `${label}: step 1 (a chain starts at each matching event)`,
    body: `SELECT g_kind, g, t, src, ord, t AS s FROM ${name}_events WHERE m0`,
  });
  for (let k = 1; k < stepCount; k++) {
    const previous = `${name}_s${k - 1}`;
    const body = [
      "SELECT g_kind, g, t, src, ord, s FROM (",
      "  SELECT g_kind, g, t, src, ord, kind,",
      "    MAX(prev) OVER (PARTITION BY g_kind, g ORDER BY t, src, ord, kind ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS s",
      "  FROM (",
      `    SELECT g_kind, g, t, src, ord, 1 AS kind, s AS prev FROM ${previous}`,
      "    UNION ALL",
      `    SELECT g_kind, g, t, src, ord, 0 AS kind, NULL AS prev FROM ${name}_events WHERE m${k}`,
      "  ) AS chained",
      ") AS started",
      "WHERE kind = 0 AND s IS NOT NULL",
    ].join("\n");
    context.ctes.push({ name: `${name}_s${k}`, comment: `${label}: step ${k + 1} (latest start of a chain before each matching event)`, body });
  }
  const last = `${name}_s${stepCount - 1}`;
  context.ctes.push({
    name,
    comment: `${label}: groups where the last step is within ${condition.within.amount} ${condition.within.unit} of its chain's start`,
    body: `SELECT DISTINCT g_kind, g FROM ${last}\nWHERE t <= ${context.dialect.shift("s", condition.within.amount, condition.within.unit, 1)}`,
  });
  if (!atAccount) return `(${scope.alias}.id IN (SELECT g FROM ${name} WHERE g_kind = ${PERSON}))`;
  if (!samePerson) return `(${scope.alias}.id IN (SELECT g FROM ${name} WHERE g_kind = ${ACCOUNT_ALL}))`;
  const l = context.alias();
  return `(\n${indent(
    `${scope.alias}.id IN (SELECT g FROM ${name} WHERE g_kind = ${ACCOUNT})\nOR EXISTS (\n  SELECT 1 FROM ${q(TABLE_NAMES.links)} AS ${l} JOIN ${name} ON ${name}.g_kind = ${PERSON} AND ${name}.g = ${l}._person_id\n  WHERE ${l}._account_id = ${scope.alias}.id AND ${activeLink(context, l)}\n)`,
  )}\n)`;
}
