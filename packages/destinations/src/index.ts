/**
 * `@abm-kit/destinations`: the adapter interface (`defineDestination`), the
 * activation runtime (`activate`), field mapping and identity hashing, file
 * writers (CSV, JSON Lines, Parquet), state stores, schedules, and the
 * local-folder destination.
 * @packageDocumentation
 */

// activation plans and the runtime
export { ActivationPlanSchema, type ActivationPlanInput, type ActivationPlan } from "./runtime/activation-plan.js";
export { AccountPeopleOptionSchema, type AccountPeopleOptionInput, type AccountPeopleOption } from "./runtime/account-people-option.js";
export { definePlan } from "./runtime/define-plan.js";
export { activate, type ActivateOptions } from "./runtime/activate.js";
export type { RandomSource } from "./runtime/backoff.js";
export { accountPeople, type AccountPeople, type AccountPeopleCounts } from "./runtime/account-people.js";
export { planFacts } from "./runtime/plan-facts.js";
export { createActivationEvents, type ActivationEventMap, type ActivationEvents } from "./runtime/activation-events.js";
export type { SkipReason } from "./mapping/member-mapper.js";
export type { SkipCounts, MemberFailure, AudiencePreview, AudienceRunReport, RunReport } from "./runtime/run-report.js";
export type { ReportedApiUsage, ApiUsage } from "./runtime/api-usage.js";

// field mapping and identity hashing
export { TransformSchema, FieldMappingSchema, type Transform, type FieldMappingInput, type FieldMapping } from "./mapping/field-mapping.js";
export { hashEmail } from "./mapping/hash.js";

// state
export type { StateStore } from "./state/state-store.js";
export { MemoryStateStore } from "./state/memory-state-store.js";
export { JsonFileStateStore } from "./state/json-file-state-store.js";
export {
  ActivationStateSchema,
  AudienceStateSchema,
  DeliveredMemberSchema,
  InFlightBatchSchema,
  RunStateSchema,
  type ActivationState,
  type AudienceState,
  type DeliveredMember,
  type InFlightBatch,
  type RunState,
} from "./state/activation-state.js";

// schedules
export { ScheduleSchema, type Schedule } from "./schedule/schedule.js";
export { nextRun, isDue, type NextRunContext } from "./schedule/next-run.js";

// the adapter interface
export {
  defineDestination,
  DEFINED_DESTINATION,
  ExportModeSchema,
  RetryPolicySchema,
  type DestinationDefinition,
  type DestinationDefinitionInput,
  type DestinationCommonInput,
  type StreamingDestinationInput,
  type FileDestinationInput,
  type FileDelivery,
  type StagedExport,
  type StagedFile,
  type AudienceDescription,
  type ExportMode,
  type RetryPolicy,
} from "./definition/destination-definition.js";
export type { AdapterContext, AuthState, TargetAudience, DestinationAudienceRef, BatchAudienceRef, MemberBatch } from "./definition/adapter-context.js";
export type { CellValue, DestinationMember, MemberResult } from "./definition/member.js";
export type { AudienceMembership } from "./definition/membership.js";
export { secret, secretValuesOf } from "./definition/secret.js";
export { KNOWN_IDENTITY_KINDS, type KnownIdentityKind, type IdentityKind } from "./definition/identity-kind.js";
export { TargetTypeSchema, MappingTargetSchema, type TargetType, type MappingTargetInput, type MappingTarget } from "./definition/mapping-target.js";
export type { DestinationLimits } from "./definition/limits.js";
export type { DailyCallBudget, PlannedAudienceWork } from "./definition/call-budget.js";
export {
  RetryableError,
  AuthExpiredError,
  TerminalError,
  StopRunError,
  ActionRequiredError,
  ActivationError,
  StateStoreError,
  UnsafeFileNameError,
} from "./errors.js";

// HTTP for adapters
export type { HttpDeclaration, HttpRequest, HttpResponse, RequestFn } from "./http/http-request.js";
export { requestJson, type JsonRequest, type JsonResponse } from "./http/request-json.js";
export { parseRetryAfter } from "./runtime/backoff.js";

// files
export {
  FileFormatSchema,
  FileExportOptionsSchema,
  type FileExportOptionsInput,
  type FileExportOptions,
  type FileFormat,
} from "./files/file-export-options.js";
export { writeSplitFiles, type WrittenFile } from "./files/split-file-writer.js";
export { openCsvWriter, type CsvWriterOptions } from "./files/csv-row-writer.js";
export { openJsonlWriter } from "./files/jsonl-row-writer.js";
export { openParquetWriter } from "./files/parquet-row-writer.js";
export type { RowWriter } from "./files/row-writer.js";
export type { ExportColumn, ExportRow } from "./files/export-column.js";
export { ManifestFileSchema, ExportManifestSchema, type ExportManifest, type ManifestFile } from "./files/manifest.js";

// file destinations that upload to an object store
export { objectStoreDelivery, type ObjectStoreDeliveryInput } from "./files/object-store/object-store-delivery.js";
export type { ObjectStore, ObjectCheck } from "./files/object-store/object-store.js";
export { sha256Check } from "./files/object-store/sha256-check.js";
export { contentTypeOf } from "./files/object-store/object-keys.js";

// the local-folder destination
export {
  localFolderDestination,
  LocalFolderSettingsSchema,
  type LocalFolderSettingsInput,
  type LocalFolderSettings,
} from "./local-folder/local-folder-destination.js";

// error codes
export { DESTINATIONS_ERROR_CODES, type DestinationsErrorCode } from "./error-codes.js";

// member sources: an audience read from a compiled audience query instead of the Snapshot (plan `source: "sql"`)
export type { MemberSource, DesiredMembers, DesiredMembersRequest } from "./runtime/member-source.js";
export { sqlMemberSource, type SqlMemberSourceOptions, type CompiledAudienceQuery } from "./sql-source/sql-member-source.js";
export type { SqlRowStream, SqlParamValue } from "./sql-source/row-stream.js";
export { MemberSourceError, type MemberSourceErrorCode } from "./sql-source/member-source-error.js";
