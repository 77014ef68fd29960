import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { applyAllocatorFlush, applyDuckDBSettings, type DuckDBSettings } from "./duckdb-settings.js";

/** An open DuckDB database file and its connection. */
export interface OpenDatabase {
  readonly instance: DuckDBInstance;
  readonly connection: DuckDBConnection;
}

/** Opens a database file with the settings given and DuckDB's allocator flushed after each task (`applyAllocatorFlush`). */
export async function openDatabase(path: string, settings: DuckDBSettings): Promise<OpenDatabase> {
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  // DuckDB's buffers are in this process: its default limit (80% of the machine's memory) is far above an RSS budget
  await applyDuckDBSettings(connection, settings);
  await applyAllocatorFlush(connection);
  return { instance, connection };
}

/** Closes a database {@link openDatabase} opened (closing twice is harmless). */
export function closeDatabase(database: OpenDatabase): void {
  database.connection.closeSync();
  database.instance.closeSync();
}
