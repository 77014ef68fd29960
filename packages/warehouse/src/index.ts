/**
 * `@abm-kit/warehouse`: load Salesforce, Marketo and partner exports straight
 * into DuckDB or PostgreSQL, with SQL generated from the field specs of
 * `@abm-kit/sources` so the warehouse reads each value as the in-memory readers do;
 * the same SQL as text for Snowflake, BigQuery and Spark SQL.
 * @packageDocumentation
 */
export {
  BIGQUERY_WAREHOUSE,
  DUCKDB_WAREHOUSE,
  POSTGRES_WAREHOUSE,
  SNOWFLAKE_WAREHOUSE,
  SPARK_WAREHOUSE,
  WAREHOUSE_DIALECTS,
  warehouseDialect,
  type WarehouseDialect,
  type WarehouseDialectName,
} from "./dialect/warehouse-dialect.js";
export { parseSql, parsedSqlType } from "./staging/parse-sql.js";
export type { ParsedSql } from "./staging/parsed-sql.js";
export { typedStagingSql, type TypedStagingInput } from "./staging/typed-staging-sql.js";
export { PROBLEMS_TABLE, problemsTableDdl } from "./staging/problems-table.js";
export { readCsvHeader } from "./load/csv-header.js";
export { rawCsvLoadSql, type RawCsvLoadInput } from "./load/raw-csv-load-sql.js";
export { numberCsvRecords, type NumberedCsv } from "./load/number-csv-records.js";
export { inferTypesSql, inferredTypes } from "./staging/infer-types-sql.js";
export { stageCsvInDuckDB, type DuckDBRunner, type StageCsvOptions } from "./load/stage-duckdb.js";
export { stageCsvInPostgres, type PostgresRunner } from "./load/stage-postgres.js";
export type { StagedFile } from "./load/stage-result.js";
export * from "./error-codes.js";
export { WarehouseLoadError } from "./load/load-failed.js";
export { duckdbRunner, postgresRunner, type SqlRunner } from "./identity/sql-runner.js";
export { identityValuesSql } from "./identity/identity-values-sql.js";
export { clusterRecordsInSql, type ClusterTables, type ClusterRun } from "./identity/connected-components.js";
export { mergeFieldsSql, mergeConsentSql, type MergeFieldsInput } from "./identity/merge-fields-sql.js";
export { resolveRefsInSql, resolveRefsSql, type ResolveRefsInput } from "./identity/resolve-refs-sql.js";
export { personKeysSql, personCandidatesSql, PERSON_FIELDS, type StagedPersonTable } from "./identity/person-keys-sql.js";
export { linkRefsSql, type StagedLinkTable } from "./identity/link-refs-sql.js";
export { marketoEventsSql } from "./identity/marketo-events-sql.js";
export { duckdbRowStream, postgresRowStream, type RowStream, type DuckDBStreamingConnection, type PostgresQueryClient } from "./activation/row-streams.js";
export {
  loadExportsIntoWarehouse,
  type WarehouseTarget,
  type WarehouseLoadOptions,
  type WarehouseLoadResult,
} from "./warehouse-load/load-exports-into-warehouse.js";
export type { WarehouseTableFiller, WarehouseLoadContext, FilledTable } from "./warehouse-load/table-filler.js";
export type { StagedExport } from "./warehouse-load/staged-export.js";
export type { EntityTables } from "./warehouse-load/unify-entities.js";
export type { LinkTables } from "./warehouse-load/links-sql.js";
export { registrableDomainsInSql } from "./warehouse-load/domains-sql.js";
export { layoutTableDdl, relatedTableDdl } from "./layout/layout-table-ddl.js";
export { stagedColumns, type StagedColumn } from "./layout/staged-columns.js";
export { writePersonEvents, type PersonEventsInput, type EntityIdTables } from "./events/write-person-events.js";
export type { StagedActivityTable } from "./events/marketo-activities-sql.js";
export type { WrittenTable } from "./events/write-event-table.js";
export { attributeColumns, type AttributeColumn } from "./layout/attribute-columns.js";
export { writeOpportunities, type OpportunitiesInput, type StagedOpportunityTable } from "./tables/write-opportunities.js";
export { writeOpportunityRoles, type OpportunityRolesInput, type StagedRoleTable } from "./tables/write-opportunity-roles.js";
export { writeCampaigns, type CampaignsInput, type StagedSalesforceTable } from "./tables/write-campaigns.js";
export { writeCampaignMembers, type CampaignMembersInput } from "./tables/write-campaign-members.js";
export { writeOwnedProducts, type OwnedProductsInput } from "./related/write-owned-products.js";
export { registrableDomainsSql, dunsSql } from "./related/domain-lookup.js";
export type { WrittenRelatedTable } from "./related/related-table.js";
export { writePartnerTable, type PartnerTableInput, type StagedPartnerFile } from "./related/write-partner-table.js";
export { writeAccountEvents, type AccountEventsInput } from "./events/write-account-events.js";
