import { AbmKitError, type FieldType } from "@abm-kit/core";
import type { SqlEntityTable, SqlFields, SqlLayout } from "./layout.js";
import { REFERENCE_COLUMNS, RESERVED_COLUMNS, TABLE_NAMES, TABLES_WITH_IDS, relatedOwnersSqlTable, relatedSqlTable } from "./table-names.js";

/** A column of an SQL table of the layout: its name and type (`integer` for `_row`). */
export interface SqlColumn {
  readonly name: string;
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
  return Object.entries(fields).map(([name, type]) => {
    if (RESERVED_COLUMNS.has(name)) {
      throw new AbmKitError("INVALID_LAYOUT", `table ${table} has a field named ${name}, a name the SQL layout reserves`, [{ path: [table, name], message: "reserved column name" }]);
    }
    return { name, type, required: false };
  });
}

/**
 * The SQL tables of a layout, in a fixed order: every Snapshot table, then per
 * related table its rows and the mapping of its rows to their owners.
 */
export function layoutTables(layout: SqlLayout): SqlTable[] {
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
