import { fieldColumnNames, type SqlRelatedTable } from "@abm-kit/audience-sql";
import { relatedOwnersSqlTable, relatedSqlTable } from "@abm-kit/audience-sql/internal";
import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";
import type { SqlRunner } from "../identity/sql-runner.js";
import { relatedTableDdl } from "../layout/layout-table-ddl.js";
import { layoutValueSql } from "../tables/write-layout-table.js";
import type { WrittenRelatedTable } from "./related-table.js";

/**
 * Creates `related_<name>` and `related_<name>_owners` with the layout's DDL
 * and fills them: `rows` is a query of the related rows with `_row` and each
 * field under its name; `owners` a query of `(_row, _owner_id)`.
 */
export async function writeRelatedRows(
  run: SqlRunner,
  d: WarehouseDialect,
  name: string,
  related: SqlRelatedTable,
  rows: string,
  owners: string,
): Promise<WrittenRelatedTable> {
  const q = d.quote;
  for (const sql of relatedTableDdl(d, name, related)) await run(sql);
  const columns = fieldColumnNames(related.fields);
  const entries = Object.entries(related.fields);
  const table = q(relatedSqlTable(name));
  const ownersTable = q(relatedOwnersSqlTable(name));
  await run(
    `INSERT INTO ${table} (_row, ${entries.map(([f]) => q(columns.get(f)!)).join(", ")}) SELECT s._row, ${entries.map(([f, type]) => layoutValueSql(d, type, `s.${q(f)}`)).join(", ")} FROM (${rows}) s`,
  );
  await run(`INSERT INTO ${ownersTable} (_row, _owner_id) SELECT _row, _owner_id FROM (${owners}) o`);
  const [{ n } = { n: 0 }] = await run(`SELECT count(*) AS n FROM ${table}`);
  const [{ n: o } = { n: 0 }] = await run(`SELECT count(*) AS n FROM ${ownersTable}`);
  return { name, related, rows: Number(n), ownerRows: Number(o) };
}
