import type { IdentityConfig } from "@abm-kit/core";
import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";

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
  const normalized = `CASE WHEN i.namespace = 'email' THEN lower(${d.trim(v)}) ELSE ${d.trim(v)} END`;
  // each value normalized once (below); an email's normalized value is the lower-cased, trimmed text the checks read, and
  // the block list compares it lower-cased (trimming it again would change nothing)
  const wellFormed = `(namespace <> 'email' OR (${d.matches("value", "^.+@[^@]+$")} AND NOT ${d.matches("value", "^.*\\s.*$")}))`;
  const lowered = "lower(value)";
  const texts = config.blockedValues.filter((entry): entry is string => typeof entry === "string");
  const patterns = config.blockedValues.filter((entry): entry is RegExp => typeof entry !== "string");
  const blocked = [
    ...(texts.length > 0 ? [`${lowered} IN (${texts.map((t) => d.literal(t)).join(", ")})`] : []),
    ...patterns.map((entry) => d.matches(lowered, regexSource(entry))),
  ].join(" OR ");
  // copies (an identity equal to the own key, a value listed twice) are dropped by numbering them within their value, a
  // sort that spills, rather than by a UNION's hash table (which ran out of a 400MB DuckDB limit at 15M values)
  return `SELECT record, namespace, value FROM (
SELECT u.record, u.namespace, u.value, row_number() OVER (PARTITION BY u.record, u.namespace, u.value ORDER BY u.record) AS _copy FROM (
SELECT record, namespace, value FROM ${q(recordsTable)}
UNION ALL
SELECT record, namespace, value FROM (SELECT i.record, i.namespace, ${normalized} AS value FROM ${q(identitiesTable)} i WHERE ${v} IS NOT NULL) n
WHERE ${wellFormed} AND length(value) <= ${config.maxValueLength}${blocked === "" ? "" : ` AND NOT (${blocked})`}) u
) w WHERE _copy = 1`;
}

/** A block-list pattern as a whole-value SQL pattern (JavaScript's `test` finds a match anywhere). */
function regexSource(pattern: RegExp): string {
  const source = pattern.source;
  const start = source.startsWith("^") ? source : `^.*(${source})`;
  return start.endsWith("$") ? start : `${start}.*$`;
}
