/** A value bound to a query parameter. */
export type SqlParamValue = string | number | boolean;

/**
 * Runs one query with its bound parameters (`$1`, `$2`, … in DuckDB and
 * PostgreSQL) and yields its rows in batches, as they come: each row an array
 * of the column values in select order (text, numbers, booleans, arrays of
 * text, `null`). Memory stays bounded when the batches do (a cursor, a
 * result streamed chunk by chunk). The SQL member source asks for nothing
 * else, so the runtime needs no database driver; `@abm-kit/warehouse` has
 * ready-made ones for `@duckdb/node-api` and `pg`. The runtime may call it
 * again before an earlier query's rows are all read (one re-read per batch in
 * flight, up to the destination's `maxConcurrency`): a stream over one
 * connection runs its queries one after the other, as those two do.
 */
export type SqlRowStream = (sql: string, params: readonly SqlParamValue[]) => AsyncIterable<readonly (readonly unknown[])[]>;
