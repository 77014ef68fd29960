/**
 * `@abm-kit/warehouse`: load Salesforce, Marketo and partner exports straight
 * into DuckDB or PostgreSQL, with SQL generated from the field specs of
 * `@abm-kit/sources` so the warehouse reads each value as the in-memory readers do.
 * @packageDocumentation
 */
export { DUCKDB_WAREHOUSE, POSTGRES_WAREHOUSE, warehouseDialect, type WarehouseDialect, type WarehouseDialectName } from "./dialect/warehouse-dialect.js";
export { parseSql, parsedSqlType } from "./staging/parse-sql.js";
export type { ParsedSql } from "./staging/parsed-sql.js";
export { typedStagingSql, type TypedStagingInput } from "./staging/typed-staging-sql.js";
export { PROBLEMS_TABLE, problemsTableDdl } from "./staging/problems-table.js";
export { readCsvHeader } from "./load/csv-header.js";
export { stageCsvInDuckDB, type DuckDBRunner, type StageCsvOptions } from "./load/stage-duckdb.js";
export { stageCsvInPostgres, type PostgresRunner } from "./load/stage-postgres.js";
export type { StagedFile } from "./load/stage-result.js";
export * from "./error-codes.js";
export { WarehouseLoadError } from "./load/load-failed.js";
export { duckdbRunner, postgresRunner, type SqlRunner } from "./identity/sql-runner.js";
export { identityValuesSql } from "./identity/identity-values-sql.js";
export { clusterRecordsInSql, type ClusterTables, type ClusterRun } from "./identity/connected-components.js";
export { mergeFieldsSql, mergeConsentSql, type MergeFieldsInput } from "./identity/merge-fields-sql.js";
export { resolveRefsSql, type ResolveRefsInput } from "./identity/resolve-refs-sql.js";
export { personKeysSql, personCandidatesSql, PERSON_FIELDS, type StagedPersonTable } from "./identity/person-keys-sql.js";
export { linkRefsSql, type StagedLinkTable } from "./identity/link-refs-sql.js";
export { marketoEventsSql } from "./identity/marketo-events-sql.js";
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
