/**
 * `@abm-kit/audience-sql`: compiles audience definitions to SQL for DuckDB,
 * PostgreSQL, Snowflake, BigQuery and Spark SQL over a documented table layout
 * (the Snapshot's tables), and writes a Snapshot into DuckDB or PostgreSQL.
 * @packageDocumentation
 */
export type { DialectName, ParamType, SqlDialect } from "./dialects/dialect.js";
export { DIALECTS, dialectOf } from "./dialects/index.js";
export {
  SqlLayoutSchema,
  SqlFieldsSchema,
  SqlRelatedTableSchema,
  type SqlLayout,
  type SqlFields,
  type SqlRelatedTable,
  type SqlEntityTable,
} from "./layout/layout.js";
export { TABLE_NAMES, relatedSqlTable, relatedOwnersSqlTable, RESERVED_COLUMNS } from "./layout/table-names.js";
export { snapshotLayout } from "./layout/snapshot-layout.js";
export { layoutTables, type SqlColumn, type SqlTable } from "./layout/table-columns.js";
export { layoutDdl, layoutDdlStatements, type DdlStatement } from "./layout/ddl.js";
export { fieldColumnNames, MAX_COLUMN_NAME_BYTES } from "./layout/column-names.js";
export { compileAudienceSql, type CompileSqlOptions, type CompiledSql } from "./compile/compile-audience-sql.js";
export type { SqlParam } from "./compile/params.js";
export { explainSql } from "./compile/explain-sql.js";
export { writeSnapshotToDuckDB, type DuckDBConnectionLike, type DuckDBAppenderLike, type WriteCounts } from "./write/write-duckdb.js";
export { writeSnapshotToPostgres, type PostgresClientLike } from "./write/write-postgres.js";
export { SnapshotWriteError } from "./write/write-failed.js";
export { compileCompositionSql, type CompileCompositionSqlOptions } from "./compile/composition-sql.js";
export { explainCompositionSql } from "./compile/composition-explain.js";
export type { CompiledComposition, CompiledCompositionOutput, CompiledCompositionQuery, CompiledCompositionRanking } from "./compile/composition-output.js";
export * from "./error-codes.js";
