import type { Snapshot } from "@abm-kit/core";
import { layoutDdlStatements } from "../layout/ddl.js";
import { snapshotLayout } from "../layout/snapshot-layout.js";
import type { WriteCounts } from "./write-duckdb.js";
import { snapshotTables } from "./table-rows.js";
import { writeStep } from "./write-failed.js";

/** The part of a PostgreSQL client (`pg` `Client` or `Pool`) the writer uses. */
export interface PostgresClientLike {
  query(text: string, values?: unknown[]): Promise<unknown>;
}

/** PostgreSQL accepts at most 65,535 parameters per statement. */
const MAX_PARAMS = 60_000;

/**
 * Creates the layout's tables (and indexes) in PostgreSQL and writes a
 * Snapshot into them with multi-row INSERTs of bound parameters, in one
 * transaction. Instants are TIMESTAMP WITHOUT TIME ZONE (UTC wall time),
 * dates DATE, multi-value fields TEXT[]. Returns the rows written per table.
 * A statement PostgreSQL refuses rolls the transaction back and raises a
 * `SnapshotWriteError` (`SNAPSHOT_WRITE_FAILED`) naming the table, with the SQLSTATE.
 */
export async function writeSnapshotToPostgres(client: PostgresClientLike, snapshot: Snapshot): Promise<WriteCounts> {
  const counts: WriteCounts = {};
  await writeStep("PostgreSQL", "starting the transaction for", "", () => client.query("BEGIN"));
  try {
    for (const statement of layoutDdlStatements(snapshotLayout(snapshot), "postgres")) {
      await writeStep("PostgreSQL", statement.sql.startsWith("CREATE INDEX") ? "indexing table" : "creating table", statement.table, () =>
        client.query(statement.sql),
      );
    }
    for (const data of snapshotTables(snapshot)) {
      const columns = data.table.columns.map((c) => `"${c.name.replaceAll('"', '""')}"`).join(", ");
      const width = data.table.columns.length;
      const perStatement = Math.max(1, Math.floor(MAX_PARAMS / width));
      for (let start = 0; start < data.rowCount; start += perStatement) {
        const end = Math.min(data.rowCount, start + perStatement);
        const values: unknown[] = [];
        const tuples: string[] = [];
        for (let row = start; row < end; row++) {
          const cells = data.row(row);
          tuples.push(`(${cells.map((_, i) => `$${values.length + i + 1}`).join(", ")})`);
          values.push(...cells);
        }
        await writeStep("PostgreSQL", "inserting rows into", data.table.name, () =>
          client.query(`INSERT INTO "${data.table.name}" (${columns}) VALUES ${tuples.join(", ")}`, values),
        );
      }
      counts[data.table.name] = data.rowCount;
    }
    await writeStep("PostgreSQL", "committing the transaction for", "", () => client.query("COMMIT"));
  } catch (error) {
    // the first error is the one to report; a failed rollback (a lost connection) ends the transaction anyway
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
  return counts;
}
