import type { IdentityConfig } from "@abm-kit/core";
import { trimSql, type WarehouseDialect } from "../dialect/warehouse-dialect.js";

/**
 * The SQL that selects a record kind's usable identity values (`record`,
 * `namespace`, `value`), as the identity graph keeps them: an email trimmed and
 * lower-cased and kept only when it is an address (`name@domain`, no
 * whitespace); other values trimmed; blocked values (the collapse guard's
 * block list, compared trimmed and lower-cased) and values longer than
 * `maxValueLength` set aside. Own keys are values too, as they are.
 */
export function identityValuesSql(d: WarehouseDialect, config: IdentityConfig, recordsTable: string, identitiesTable: string): string {
  const q = d.quote;
  const v = "i.value";
  const email = `lower(${trimSql(v)})`;
  const normalized = `CASE WHEN i.namespace = 'email' THEN ${email} ELSE ${trimSql(v)} END`;
  const wellFormed = `(i.namespace <> 'email' OR (${d.matches(email, "^.+@[^@]+$")} AND NOT ${d.matches(email, "^.*\\s.*$")}))`;
  const lowered = `lower(${trimSql(normalized)})`;
  const blocked = config.blockedValues
    .map((entry) => (typeof entry === "string" ? `${lowered} = ${d.literal(entry)}` : d.matches(lowered, regexSource(entry))))
    .join(" OR ");
  return `SELECT record, namespace, value FROM ${q(recordsTable)}
UNION
SELECT i.record, i.namespace, ${normalized} AS value FROM ${q(identitiesTable)} i
WHERE i.value IS NOT NULL AND ${wellFormed} AND length(${normalized}) <= ${config.maxValueLength}${blocked === "" ? "" : ` AND NOT (${blocked})`}`;
}

/** A block-list pattern as a whole-value SQL pattern (JavaScript's `test` finds a match anywhere). */
function regexSource(pattern: RegExp): string {
  const source = pattern.source;
  const start = source.startsWith("^") ? source : `^.*(${source})`;
  return start.endsWith("$") ? start : `${start}.*$`;
}
