import type { FieldType } from "@abm-kit/core";
import { fieldColumnNames, type SqlEntityTable, type SqlFields } from "@abm-kit/audience-sql";
import { TABLE_NAMES } from "@abm-kit/audience-sql/internal";
import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";
import type { SqlRunner } from "../identity/sql-runner.js";
import { layoutTableDdl } from "../layout/layout-table-ddl.js";
import type { WrittenTable } from "../events/write-event-table.js";

/** A value of a field's type for the layout's column, from the staged value (ISO texts for dates and instants). */
export function layoutValueSql(d: WarehouseDialect, type: FieldType, expr: string): string {
  switch (type) {
    case "date":
      return `CAST(${expr} AS DATE)`;
    case "instant":
      return `CAST(${expr} AS TIMESTAMP)`;
    case "number":
      return `CAST(${expr} AS ${d.doubleType})`;
    case "boolean":
      return `CAST(${expr} AS BOOLEAN)`;
    case "multi":
      return `CAST(${expr} AS ${d.textListType})`;
    case "string":
      return `CAST(${expr} AS VARCHAR)`;
  }
}

/**
 * Creates a layout table with the layout's DDL and fills it from `select`, a
 * query whose columns are the layout's own columns (`id`, `_row`, `_…_id`:
 * those of `own`) and each field under its field name (quoted).
 */
export async function writeLayoutTable(
  run: SqlRunner,
  d: WarehouseDialect,
  source: SqlEntityTable,
  fields: SqlFields,
  own: readonly string[],
  select: string,
): Promise<WrittenTable> {
  const q = d.quote;
  const table = TABLE_NAMES[source];
  for (const sql of layoutTableDdl(d, source, fields)) await run(sql);
  const columns = fieldColumnNames(fields);
  const entries = Object.entries(fields);
  const targets = [...own, ...entries.map(([f]) => q(columns.get(f)!))];
  const values = [...own.map((c) => `s.${c}`), ...entries.map(([f, type]) => layoutValueSql(d, type, `s.${q(f)}`))];
  await run(`INSERT INTO ${q(table)} (${targets.join(", ")}) SELECT ${values.join(", ")} FROM (${select}) s`);
  const [{ n } = { n: 0 }] = await run(`SELECT count(*) AS n FROM ${q(table)}`);
  return { table, fields, rows: Number(n) };
}
