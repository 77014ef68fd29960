import type { DialectName } from "../dialects/dialect.js";
import { dialectOf } from "../dialects/index.js";
import { columnNameOf } from "./column-names.js";
import type { SqlEntityTable, SqlLayout } from "./layout.js";
import { layoutTables } from "./table-columns.js";
import { RESERVED_COLUMNS, TABLE_NAMES } from "./table-names.js";

/** Indexes that make PostgreSQL's correlated subqueries cheap (other engines scan or cluster on their own): table, then fields or layout columns. */
const POSTGRES_INDEXES: readonly [SqlEntityTable, string[]][] = [
  ["links", ["_account_id"]],
  ["links", ["_person_id"]],
  ["opportunities", ["_account_id"]],
  ["opportunityRoles", ["_opportunity_id"]],
  ["opportunityRoles", ["_person_id"]],
  ["campaignMembers", ["_person_id"]],
  ["campaignMembers", ["_campaign_id"]],
  ["personEvents", ["_owner_id", "occurredAt"]],
  ["accountEvents", ["_owner_id", "occurredAt"]],
];

/** One DDL statement and the table it creates or indexes. */
export interface DdlStatement {
  readonly table: string;
  readonly sql: string;
}

/** {@link layoutDdl} with the table of each statement. */
export function layoutDdlStatements(layout: SqlLayout, dialectName: DialectName): DdlStatement[] {
  const dialect = dialectOf(dialectName);
  const q = dialect.quote;
  const statements = layoutTables(layout).map((table): DdlStatement => {
    // the layout's own columns (id, _row, _…_id) are plain lower-case names, left unquoted so every
    // dialect (Snowflake upper-cases unquoted names) resolves them the way the queries write them
    const columns = table.columns.map(
      (c) => `  ${RESERVED_COLUMNS.has(c.name) ? c.name : q(c.name)} ${dialect.columnType(c.type)}${c.required ? " NOT NULL" : ""}`,
    );
    return { table: table.name, sql: `CREATE TABLE ${q(table.name)} (\n${columns.join(",\n")}\n)` };
  });
  if (dialect.name === "postgres") {
    for (const [source, columns] of POSTGRES_INDEXES) {
      const table = TABLE_NAMES[source];
      const names = columns.map((c) => (RESERVED_COLUMNS.has(c) ? c : q(columnNameOf(layout[source], c))));
      statements.push({ table, sql: `CREATE INDEX ON ${q(table)} (${names.join(", ")})` });
    }
    for (const table of layoutTables(layout))
      if (table.source.startsWith("owners:")) statements.push({ table: table.name, sql: `CREATE INDEX ON ${q(table.name)} (_owner_id)` });
  }
  return statements;
}

/**
 * `CREATE TABLE` statements (and for PostgreSQL, indexes) of the layout's
 * tables in a dialect, one statement per string, without trailing semicolons.
 * Fields get the column names of `fieldColumnNames`.
 */
export function layoutDdl(layout: SqlLayout, dialectName: DialectName): string[] {
  return layoutDdlStatements(layout, dialectName).map((s) => s.sql);
}
