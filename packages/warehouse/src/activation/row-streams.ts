/** A query's rows streamed in batches, each row an array of column values (the shape `sqlMemberSource` of `@abm-kit/destinations` reads). */
export type RowStream = (sql: string, params: readonly (string | number | boolean)[]) => AsyncIterable<unknown[][]>;

/** The part of a DuckDB connection (`@duckdb/node-api`) the row stream uses. */
export interface DuckDBStreamingConnection {
  stream(sql: string, values?: (string | number | boolean)[]): Promise<{ yieldRowsJs(): AsyncIterable<unknown[][]> }>;
}

/** The part of a PostgreSQL client (`pg`) the row stream uses. */
export interface PostgresQueryClient {
  query(config: { text: string; values?: unknown[]; rowMode?: "array" }): Promise<{ rows: unknown[] }>;
}

/** Runs one stream at a time on a connection: a connection cannot interleave two open results. */
function serialized(open: (sql: string, params: readonly (string | number | boolean)[]) => AsyncGenerator<unknown[][]>): RowStream {
  let queue: Promise<void> = Promise.resolve();
  return (sql, params) =>
    (async function* () {
      let release!: () => void;
      const previous = queue;
      queue = new Promise((resolve) => (release = resolve));
      await previous;
      try {
        yield* open(sql, params);
      } finally {
        release();
      }
    })();
}

/**
 * Streams a query's rows from a DuckDB connection (`@duckdb/node-api`), one
 * result chunk (2,048 rows) at a time, values as JavaScript values (lists as
 * arrays, BIGINT as bigint). Streams on one connection run one after the other.
 */
export function duckdbRowStream(connection: DuckDBStreamingConnection): RowStream {
  return serialized(async function* (sql, params) {
    const result = await connection.stream(sql, [...params]);
    yield* result.yieldRowsJs();
  });
}

let cursors = 0;

/**
 * Streams a query's rows from a PostgreSQL client (`pg`) through a
 * server-side cursor (`DECLARE … CURSOR` in a transaction, `FETCH` of
 * `batchSize` rows at a time, default 1,000), so only one batch is in memory.
 * Give it a client of its own, outside any transaction: each stream begins and
 * ends one. Streams on one client run one after the other.
 */
export function postgresRowStream(client: PostgresQueryClient, options: { readonly batchSize?: number } = {}): RowStream {
  const batchSize = options.batchSize ?? 1000;
  return serialized(async function* (sql, params) {
    const cursor = `abm_kit_rows_${++cursors}`;
    await client.query({ text: "BEGIN" });
    let done = false;
    try {
      await client.query({ text: `DECLARE ${cursor} NO SCROLL CURSOR FOR ${sql}`, values: [...params] });
      for (;;) {
        const { rows } = await client.query({ text: `FETCH ${batchSize} FROM ${cursor}`, rowMode: "array" });
        if (rows.length > 0) yield rows as unknown[][];
        if (rows.length < batchSize) break;
      }
      await client.query({ text: `CLOSE ${cursor}` });
      await client.query({ text: "COMMIT" });
      done = true;
    } finally {
      if (!done) await client.query({ text: "ROLLBACK" }).catch(() => undefined);
    }
  });
}
