/**
 * `@abm-kit/sources`: read Salesforce, Marketo, partner and any mapped CSV or
 * JSON exports into identity-graph records (`IdentityGraph.add` in
 * `@abm-kit/core`), with a report per file.
 * @packageDocumentation
 */
export type { SourceProblem, FileReport } from "./read/file-report.js";
export { InputSourceSchema, type InputSource } from "./read/input-source.js";
export { MAX_JSON_DEPTH } from "./read/json-depth.js";
export type { SourceResult } from "./read/source-result.js";
export type { SourceRow } from "./read/source-row.js";
export type { ObjectSpec, MapInput } from "./read/object-spec.js";
export { ConsentColumnSchema, type ConsentColumn } from "./read/consent-columns.js";
export { readCsv, streamCsv, type CsvRow, type CsvContent, type CsvStreamHooks } from "./read/read-csv.js";
export { parseValue, parseInstant, type ValueType, type ParsedValue } from "./values/parse-value.js";
export { inferFieldType } from "./values/infer-value-type.js";
export { toSalesforceId18, salesforceIdSuffix, salesforceIdSuffixMismatch } from "./salesforce/salesforce-id.js";
export { SALESFORCE_OBJECTS, ownedProductsTable, salesforceSpec, type SalesforceObject } from "./salesforce/salesforce-specs.js";
export { SalesforceReadOptionsSchema, type SalesforceReadOptions } from "./salesforce/salesforce-options.js";
export { flattenRestRecords } from "./salesforce/flatten-rest-records.js";
export { readSalesforceCsv, readSalesforceJson, readSalesforceProducts } from "./salesforce/read-salesforce.js";
export { MARKETO_ACTIVITY_TYPES, activityTypeName } from "./marketo/activity-types.js";
export { MARKETO_EXPORTS, marketoSpec, propertyName, type MarketoExport } from "./marketo/marketo-specs.js";
export { MarketoReadOptionsSchema, type MarketoReadOptions } from "./marketo/marketo-options.js";
export { readMarketoCsv, readMarketoJson } from "./marketo/read-marketo.js";
export { INTENT_MAPPING, TECHNOGRAPHICS_MAPPING, FIRMOGRAPHICS_MAPPING, partnerTableDefinition } from "./partner/partner-presets.js";
export { PartnerFileMappingSchema, type PartnerFileMapping, type PartnerField } from "./partner/partner-mapping.js";
export { readPartnerCsv, partnerSpec } from "./partner/read-partner.js";
export { FieldMappingSchema, type FieldMapping } from "./generic/field-mapping.js";
export { readMappedCsv, readMappedJson, mappedSpec } from "./generic/read-mapped.js";
export { loadExports, type ExportFile, type LoadedExports, type LoadExportsOptions } from "./load-exports.js";
export type { LoadProgress } from "./load-progress.js";
export { SOURCES_ERROR_CODES, type SourcesErrorCode } from "./error-codes.js";
