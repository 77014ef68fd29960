import { relatedOwnersSqlTable, relatedSqlTable } from "@abm-kit/audience-sql/internal";
import { tableContents } from "./snapshot-engines.js";

/**
 * A related table's rows joined with their owners (`_row` links them; it is
 * left out of the result), and its rows that have no owner: so two databases
 * whose related rows are numbered differently compare equal when the same rows
 * belong to the same owners.
 */
export async function relatedContents(query: (sql: string) => Promise<Record<string, unknown>[]>, name: string) {
  const table = relatedSqlTable(name);
  const owners = relatedOwnersSqlTable(name);
  await query(`CREATE TEMP VIEW cmp_owned AS SELECT r.*, o._owner_id FROM "${table}" r JOIN "${owners}" o ON o._row = r._row`);
  await query(`CREATE TEMP VIEW cmp_unowned AS SELECT r.* FROM "${table}" r WHERE NOT EXISTS (SELECT 1 FROM "${owners}" o WHERE o._row = r._row)`);
  try {
    const owned = await tableContents(query, "cmp_owned");
    const unowned = await tableContents(query, "cmp_unowned");
    const columns = await tableContents(query, table);
    return { columns: columns.columns, ownerColumns: (await tableContents(query, owners)).columns, owned: owned.rows, unowned: unowned.rows };
  } finally {
    await query("DROP VIEW cmp_owned");
    await query("DROP VIEW cmp_unowned");
  }
}
