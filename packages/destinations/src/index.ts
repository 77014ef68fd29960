/**
 * `@abm-kit/destinations`: the adapter interface (`defineDestination`), the
 * activation runtime (`activate`), field mapping and identity hashing, file
 * writers (CSV, JSON Lines, Parquet), state stores, schedules, and the
 * local-folder destination.
 * @packageDocumentation
 */
export * from "./errors.js";
export * from "./definition/secret.js";
export * from "./definition/identity-kind.js";
export * from "./definition/mapping-target.js";
export * from "./definition/member.js";
export * from "./definition/membership.js";
export * from "./definition/limits.js";
export * from "./definition/call-budget.js";
export * from "./definition/adapter-context.js";
export * from "./definition/destination-definition.js";
export * from "./mapping/hash.js";
export * from "./mapping/field-mapping.js";
export * from "./mapping/apply-transforms.js";
export { MemberMapper, labelsOfSource, mappingFieldUses, type MappedMember, type MappingFieldUse, type SkipReason } from "./mapping/member-mapper.js";
export * from "./state/activation-state.js";
export * from "./state/state-store.js";
export * from "./state/memory-state-store.js";
export * from "./state/json-file-state-store.js";
export * from "./schedule/schedule.js";
export * from "./schedule/next-run.js";
export * from "./runtime/activation-plan.js";
export * from "./runtime/account-people-option.js";
export { accountPeople, type AccountPeople, type AccountPeopleCounts } from "./runtime/account-people.js";
export { accountPeopleMemberships, isAccountPeopleMembership, type AccountPeopleMembership } from "./runtime/account-people-memberships.js";
export * from "./runtime/define-plan.js";
export * from "./runtime/activation-events.js";
export * from "./runtime/run-report.js";
export * from "./runtime/api-usage.js";
export { utcDayOf } from "./runtime/call-budget.js";
export * from "./runtime/delta.js";
export * from "./runtime/backoff.js";
export * from "./runtime/rate-limiter.js";
export { Redactor } from "./runtime/redactor.js";
export { activate, type ActivateOptions } from "./runtime/activate.js";
export * from "./files/file-export-options.js";
export * from "./files/export-column.js";
export * from "./files/row-writer.js";
export { openCsvWriter, type CsvWriterOptions } from "./files/csv-row-writer.js";
export { openJsonlWriter } from "./files/jsonl-row-writer.js";
export { openParquetWriter } from "./files/parquet-row-writer.js";
export * from "./files/file-name-template.js";
export * from "./files/file-checksum.js";
export * from "./files/manifest.js";
export { writeSplitFiles, fileExtension, partName, type WrittenFile } from "./files/split-file-writer.js";
export * from "./files/object-store/index.js";
export * from "./http/request-json.js";
export * from "./http/http-request.js";
export * from "./local-folder/local-folder-destination.js";
/** The zod the runtime uses, for adapter authors' settings schemas. */
export { z } from "zod";
export { planFacts } from "./runtime/plan-facts.js";
export { effectiveLimits } from "./runtime/effective-limits.js";
export * from "./error-codes.js";
// Member sources: an audience read from a compiled audience query instead of the Snapshot (plan `source: "sql"`).
export type { MemberSource, DesiredMembers, DesiredMembersRequest } from "./runtime/member-source.js";
export { sqlMemberSource, type SqlMemberSourceOptions, type CompiledAudienceQuery } from "./sql-source/sql-member-source.js";
export type { SqlRowStream, SqlParamValue } from "./sql-source/row-stream.js";
export { MemberSourceError, type MemberSourceErrorCode } from "./sql-source/member-source-error.js";
