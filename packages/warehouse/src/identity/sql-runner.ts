/** Runs one SQL statement and returns its rows (as JSON-like objects). */
export type SqlRunner = (sql: string) => Promise<Record<string, unknown>[]>;

/** A runner over a DuckDB connection (`@duckdb/node-api`). */
export function duckdbRunner(connection: { runAndReadAll(sql: string): Promise<{ getRowObjectsJson(): unknown[] }> }): SqlRunner {
  return async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
}

/** A runner over a PostgreSQL client (`pg`). */
export function postgresRunner(client: { query(sql: string): Promise<{ rows: Record<string, unknown>[] }> }): SqlRunner {
  return async (sql) => (await client.query(sql)).rows;
}
