/**
 * `@abm-kit/audience-sql/internal`: building blocks that other abm-kit packages share.
 * This subpath is unstable: names here may change or disappear in any release,
 * including a patch. Do not import it from application code; use `@abm-kit/audience-sql`.
 * @packageDocumentation
 */
export { DIALECTS, dialectOf } from "../dialects/index.js";
export type { SqlDialect } from "../dialects/dialect.js";
export { TABLE_NAMES, relatedSqlTable, relatedOwnersSqlTable } from "../layout/table-names.js";
