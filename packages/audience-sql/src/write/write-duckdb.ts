import type { Snapshot } from "@abm-kit/core";
import { layoutDdlStatements } from "../layout/ddl.js";
import { snapshotLayout } from "../layout/snapshot-layout.js";
import { snapshotTables } from "./table-rows.js";
import { writeStep } from "./write-failed.js";

/** The part of a DuckDB appender (`@duckdb/node-api`) the writer uses. */
export interface DuckDBAppenderLike {
  appendVarchar(value: string): void;
  appendDouble(value: number): void;
  appendInteger(value: number): void;
  appendBoolean(value: boolean): void;
  appendNull(): void;
  appendList(value: readonly string[], type?: never): void;
  columnType(index: number): unknown;
  endRow(): void;
  closeSync(): void;
}

/** The part of a DuckDB connection (`@duckdb/node-api` `DuckDBConnection`) the writer uses. */
export interface DuckDBConnectionLike {
  run(sql: string): Promise<unknown>;
  createAppender(table: string): Promise<DuckDBAppenderLike>;
}

/** How many rows were written to each table. */
export type WriteCounts = Record<string, number>;

/**
 * Creates the layout's tables in DuckDB and writes a Snapshot into them with
 * the appender (bulk, no SQL per row). Instants are TIMESTAMP (UTC wall
 * time), dates DATE, multi-value fields VARCHAR[]. Returns the rows written per table.
 * A statement DuckDB refuses raises a `SnapshotWriteError` (`SNAPSHOT_WRITE_FAILED`)
 * naming the table; tables created before it stay.
 */
export async function writeSnapshotToDuckDB(connection: DuckDBConnectionLike, snapshot: Snapshot): Promise<WriteCounts> {
  for (const statement of layoutDdlStatements(snapshotLayout(snapshot), "duckdb")) {
    await writeStep("DuckDB", "creating table", statement.table, () => connection.run(statement.sql));
  }
  const counts: WriteCounts = {};
  for (const data of snapshotTables(snapshot)) {
    const table = data.table.name;
    const appender = await writeStep("DuckDB", "opening an appender on", table, () => connection.createAppender(table));
    const types = data.table.columns.map((c) => c.type);
    try {
      await writeStep("DuckDB", "appending rows to", table, () => {
        for (let row = 0; row < data.rowCount; row++) {
          const cells = data.row(row);
          cells.forEach((value, i) => {
            if (value === null) appender.appendNull();
            else if (Array.isArray(value)) appender.appendList(value, appender.columnType(i) as never);
            else if (typeof value === "boolean") appender.appendBoolean(value);
            else if (typeof value === "number") {
              if (types[i] === "integer") appender.appendInteger(value);
              else appender.appendDouble(value);
            } else appender.appendVarchar(value);
          });
          appender.endRow();
        }
      });
    } finally {
      await writeStep("DuckDB", "flushing rows into", table, () => appender.closeSync());
    }
    counts[table] = data.rowCount;
  }
  return counts;
}
