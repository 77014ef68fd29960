import type { AudienceSqlErrorCode } from "../error-codes.js";
import { AbmKitError, type FieldType, type Problem } from "@abm-kit/core";
import { fieldColumnNames, MAX_COLUMN_NAME_BYTES } from "./column-names.js";
import type { SqlEntityTable, SqlFields, SqlLayout } from "./layout.js";
import { REFERENCE_COLUMNS, RESERVED_COLUMNS, TABLE_NAMES, TABLES_WITH_IDS, relatedOwnersSqlTable, relatedSqlTable } from "./table-names.js";

/** A column of an SQL table of the layout: its name and type (`integer` for `_row`). */
export interface SqlColumn {
  /** The column's name in SQL (for a field, see {@link fieldColumnNames}). */
  readonly name: string;
  /** The Snapshot field the column holds; absent for the layout's own columns (`id`, `_row`, `_…_id`). */
  readonly field?: string;
  readonly type: FieldType | "integer";
  /** Whether the column is never NULL. */
  readonly required: boolean;
}

/** An SQL table of the layout and its columns. */
export interface SqlTable {
  readonly name: string;
  /** The Snapshot table it holds (`accounts`, …, `related:<name>`, `related:<name>:owners`). */
  readonly source: SqlEntityTable | `related:${string}` | `owners:${string}`;
  readonly columns: readonly SqlColumn[];
}

function fieldColumns(table: string, fields: SqlFields): SqlColumn[] {
  const names = fieldColumnNames(fields);
  return Object.entries(fields).map(([field, type]) => {
    if (RESERVED_COLUMNS.has(field)) {
      throw new AbmKitError<AudienceSqlErrorCode>("INVALID_LAYOUT", `table ${table} has a field named ${field}, a name the SQL layout reserves`, [
        { path: [table, field], message: "reserved column name" },
      ]);
    }
    return { name: names.get(field)!, field, type, required: false };
  });
}

/** Related tables' SQL names must be unique in every dialect too (case-insensitive, at most 63 bytes). */
function checkRelatedNames(layout: SqlLayout): void {
  const problems: Problem[] = [];
  const seen = new Map<string, string>();
  for (const table of Object.keys(layout.related)) {
    const longest = relatedOwnersSqlTable(table);
    if (Buffer.byteLength(longest, "utf8") > MAX_COLUMN_NAME_BYTES) {
      problems.push({
        path: ["related", table],
        message: `the SQL table ${longest} would be longer than ${MAX_COLUMN_NAME_BYTES} bytes (PostgreSQL cuts longer names); use a related table name of at most ${MAX_COLUMN_NAME_BYTES - longest.length + table.length} characters`,
      });
    }
    const other = seen.get(table.toLowerCase());
    if (other !== undefined)
      problems.push({
        path: ["related", table],
        message: `related tables ${other} and ${table} differ only in case; DuckDB, BigQuery and Spark SQL would see one table`,
      });
    else seen.set(table.toLowerCase(), table);
  }
  if (problems.length > 0)
    throw new AbmKitError<AudienceSqlErrorCode>("INVALID_LAYOUT", `the layout's related tables cannot all be SQL tables: ${problems[0]!.message}`, problems);
}

/**
 * The SQL tables of a layout, in a fixed order: every Snapshot table, then per
 * related table its rows and the mapping of its rows to their owners. A field
 * named like a layout column (`id`, `_row`, …), or related tables whose SQL
 * names clash (case) or exceed 63 bytes, raise `INVALID_LAYOUT`.
 */
export function layoutTables(layout: SqlLayout): SqlTable[] {
  checkRelatedNames(layout);
  const out: SqlTable[] = [];
  for (const source of Object.keys(TABLE_NAMES) as SqlEntityTable[]) {
    const name = TABLE_NAMES[source];
    const columns: SqlColumn[] = [];
    if (TABLES_WITH_IDS.has(source)) columns.push({ name: "id", type: "string", required: true });
    columns.push({ name: "_row", type: "integer", required: true });
    for (const ref of REFERENCE_COLUMNS[source]) columns.push({ name: ref, type: "string", required: source !== "opportunities" });
    columns.push(...fieldColumns(name, layout[source]));
    out.push({ name, source, columns });
  }
  for (const [table, related] of Object.entries(layout.related)) {
    const name = relatedSqlTable(table);
    out.push({ name, source: `related:${table}`, columns: [{ name: "_row", type: "integer", required: true }, ...fieldColumns(name, related.fields)] });
    out.push({
      name: relatedOwnersSqlTable(table),
      source: `owners:${table}`,
      columns: [
        { name: "_row", type: "integer", required: true },
        { name: "_owner_id", type: "string", required: true },
      ],
    });
  }
  return out;
}
