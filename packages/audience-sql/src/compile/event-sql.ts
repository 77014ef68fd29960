import type { ProblemPath } from "@abm-kit/core";
import type { EventCondition } from "@abm-kit/audience";
import { TABLE_NAMES } from "../layout/table-names.js";
import { comparatorSql } from "./comparator-sql.js";
import type { SqlCompileContext, SqlScope } from "./context.js";
import { eventFilterSql, eventFrom, eventScope } from "./event-filter-sql.js";
import { activeLink } from "./relations-sql.js";
import { withSharedWarnings } from "./shared-warnings.js";
import { windowSql } from "./time-sql.js";

const AT_LEAST_ONE = { op: "gte", value: 1 } as const;

/**
 * Counts events in a window and compares the count. At account level the
 * account's people's events (active links, each person once) and its own
 * events count, or the distinct people with a matching event.
 */
export function eventSql(condition: EventCondition, scope: SqlScope, path: ProblemPath, context: SqlCompileContext): string {
  const atAccount = scope.kind === "account";
  const owner = condition.owner ?? (atAccount ? "any" : "person");
  const distinctPeople = condition.countDistinct === "people";
  const readsPeople = !atAccount || owner !== "account";
  const readsAccount = atAccount && owner !== "person" && !distinctPeople;
  const window = windowSql(condition.window, context);
  const tables: ("person" | "account")[] = [...(readsPeople ? ["person" as const] : []), ...(readsAccount ? ["account" as const] : [])];
  const counts = withSharedWarnings(context, tables, (owner, local) => {
    const e = local.alias();
    const filter = eventFilterSql(condition.types, condition.where, window, eventScope(local, owner, e), path, local).replace(/\n/g, "\n    ");
    if (owner === "account" || !atAccount) {
      return `(\n  SELECT COUNT(*)\n  FROM ${eventFrom(local, owner, e)}\n  WHERE ${e}._owner_id = ${scope.alias}.id\n    AND ${filter}\n)`;
    }
    const l = `${e}l`;
    return `(\n  SELECT ${distinctPeople ? `COUNT(DISTINCT ${e}._owner_id)` : "COUNT(*)"}\n  FROM ${local.dialect.quote(TABLE_NAMES.links)} AS ${l} JOIN ${eventFrom(local, "person", e)} ON ${e}._owner_id = ${l}._person_id\n  WHERE ${l}._account_id = ${scope.alias}.id AND ${activeLink(local, l)}\n    AND ${filter}\n)`;
  });
  return comparatorSql(counts.join(" + "), condition.count ?? AT_LEAST_ONE, context);
}
