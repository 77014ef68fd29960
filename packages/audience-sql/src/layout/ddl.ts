import type { DialectName } from "../dialects/dialect.js";
import { dialectOf } from "../dialects/index.js";
import type { SqlLayout } from "./layout.js";
import { layoutTables } from "./table-columns.js";
import { RESERVED_COLUMNS } from "./table-names.js";

/** Indexes that make PostgreSQL's correlated subqueries cheap (other engines scan or cluster on their own). */
const POSTGRES_INDEXES: readonly [string, string[]][] = [
  ["links", ["_account_id"]],
  ["links", ["_person_id"]],
  ["opportunities", ["_account_id"]],
  ["opportunity_roles", ["_opportunity_id"]],
  ["opportunity_roles", ["_person_id"]],
  ["campaign_members", ["_person_id"]],
  ["campaign_members", ["_campaign_id"]],
  ["person_events", ["_owner_id", "occurredAt"]],
  ["account_events", ["_owner_id", "occurredAt"]],
];

/**
 * `CREATE TABLE` statements (and for PostgreSQL, indexes) of the layout's
 * tables in a dialect, one statement per string, without trailing semicolons.
 */
export function layoutDdl(layout: SqlLayout, dialectName: DialectName): string[] {
  const dialect = dialectOf(dialectName);
  const q = dialect.quote;
  const statements = layoutTables(layout).map((table) => {
    // the layout's own columns (id, _row, _…_id) are plain lower-case names, left unquoted so every
    // dialect (Snowflake upper-cases unquoted names) resolves them the way the queries write them
    const columns = table.columns.map((c) => `  ${RESERVED_COLUMNS.has(c.name) ? c.name : q(c.name)} ${dialect.columnType(c.type)}${c.required ? " NOT NULL" : ""}`);
    return `CREATE TABLE ${q(table.name)} (\n${columns.join(",\n")}\n)`;
  });
  if (dialect.name === "postgres") {
    for (const [table, columns] of POSTGRES_INDEXES) statements.push(`CREATE INDEX ON ${q(table)} (${columns.map((c) => (RESERVED_COLUMNS.has(c) ? c : q(c))).join(", ")})`);
    for (const table of layoutTables(layout)) if (table.source.startsWith("owners:")) statements.push(`CREATE INDEX ON ${q(table.name)} (_owner_id)`);
  }
  return statements;
}
