/** A DuckDB memory size as `SET memory_limit` takes it (e.g. `512MB`); checked before it is put into the statement. */
export const MEMORY_LIMIT = /^[0-9]+(\.[0-9]+)?(KB|MB|GB|KiB|MiB|GiB)$/;
