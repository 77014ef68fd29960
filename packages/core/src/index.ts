/**
 * `@abm-kit/core`: B2B entity schemas, data-usage labels, source keys, field
 * types, and the columnar, immutable {@link Snapshot} every evaluator reads.
 * @packageDocumentation
 */

export { formatPath, summarizeProblems, problemsFromZod, parseOrThrow, AbmKitError, ValidationError, type ProblemPath, type Problem } from "./errors.js";
export { CORE_ERROR_CODES, type ErrorCodeOf, type CoreErrorCode } from "./error-codes.js";
export type { DeepReadonly } from "./deep-readonly.js";
export { describeLabel, DataUsageLabelSchema, BUILT_IN_LABELS, type DataUsageLabel, type LabelFamily, type LabelDescription } from "./labels.js";
export { formatSourceKey, SourceKeySchema, type SourceKey } from "./source-key.js";
export {
  instantToEpochMs,
  calendarInstantToEpochMs,
  dateToEpochMs,
  epochMsToDate,
  epochMsToInstant,
  FieldTypeSchema,
  InstantSchema,
  DateSchema,
  AttributeValueSchema,
  AttributesSchema,
  FieldDefinitionSchema,
  FieldDefinitionsSchema,
  type FieldType,
  type AttributeValue,
  type Attributes,
  type FieldDefinition,
  type FieldDefinitions,
} from "./values.js";
export { parseNow, MIN_NOW_MS, MAX_NOW_MS, type NowInput } from "./now.js";
export { STANDARD_FIELDS, CONSENT_COLUMN_PREFIX, type EntityKind } from "./entity-fields.js";
export { registrableDomain, normalizeDuns } from "./domain.js";
export { EntityIdSchema, entityBase, optionalString, optionalNumber, optionalBoolean } from "./schemas/common.js";
export { AccountSchema, type Account, type AccountInput } from "./schemas/account.js";
export { ConsentStateSchema, ConsentSchema, PersonSchema, type ConsentState, type Consent, type Person, type PersonInput } from "./schemas/person.js";
export { AccountPersonRelationSchema, type AccountPersonRelation, type AccountPersonRelationInput } from "./schemas/account-person-relation.js";
export { OpportunitySchema, type Opportunity, type OpportunityInput } from "./schemas/opportunity.js";
export { OpportunityPersonRoleSchema, type OpportunityPersonRole, type OpportunityPersonRoleInput } from "./schemas/opportunity-person-role.js";
export { CampaignSchema, type Campaign, type CampaignInput } from "./schemas/campaign.js";
export { CampaignMemberSchema, type CampaignMember, type CampaignMemberInput } from "./schemas/campaign-member.js";
export { EventPropertyValueSchema, ActivityEventSchema, type ActivityEvent, type ActivityEventInput } from "./schemas/activity-event.js";
export {
  RelatedKeySchema,
  RelatedTableDefinitionSchema,
  RelatedRowSchema,
  type RelatedKey,
  type RelatedTableDefinition,
  type RelatedRow,
  type RelatedRowInput,
} from "./schemas/related-table.js";
export { entityJsonSchema, entitySchemas, type EntitySchemaName } from "./json-schema.js";
export { Adjacency } from "./snapshot/adjacency.js";
export type { RowOrigin, RowProblem, EntityCounts, BuildReport } from "./snapshot/build-report.js";
export { columnType, StringColumn, NumberColumn, BooleanColumn, MultiColumn, type ColumnCommon, type Column } from "./snapshot/column.js";
export { Dictionary } from "./snapshot/dictionary.js";
export { EventTable, type RowRange } from "./snapshot/event-table.js";
export { Snapshot, type RelatedTable, type SnapshotParts } from "./snapshot/snapshot.js";
export {
  buildSnapshot,
  buildSnapshotUntyped,
  SnapshotBuilder,
  type SnapshotRecordKind,
  type SnapshotBuilderOptions,
  type SnapshotInput,
  type UntypedSnapshotInput,
} from "./snapshot/snapshot-builder.js";
export { Table, type FieldInfo } from "./snapshot/table.js";
export { compareEventIds } from "./snapshot/compare-event-ids.js";
export { IdentityGraph, type BatchAddReport } from "./identity/identity-graph.js";
export { identityKey, IdentityRefSchema, DOMAIN_NAMESPACE, DUNS_NAMESPACE, EMAIL_NAMESPACE, type IdentityRef } from "./identity/identity-ref.js";
export {
  RecordOriginSchema,
  PersonSourceRecordSchema,
  AccountSourceRecordSchema,
  LinkSourceRecordSchema,
  OpportunitySourceRecordSchema,
  OpportunityRoleSourceRecordSchema,
  CampaignMemberSourceRecordSchema,
  EventSourceRecordSchema,
  RelatedSourceRecordSchema,
  BATCH_PARTS,
  BATCH_PART_SCHEMAS,
  type RecordOrigin,
  type PersonSourceRecord,
  type AccountSourceRecord,
  type LinkSourceRecord,
  type OpportunitySourceRecord,
  type OpportunityRoleSourceRecord,
  type CampaignMemberSourceRecord,
  type EventSourceRecord,
  type RelatedSourceRecord,
  type IdentityBatch,
  type BatchPart,
} from "./identity/identity-records.js";
export {
  resolveIdentityConfig,
  MergeRuleSchema,
  MergePolicySchema,
  EntityIdentityConfigSchema,
  IdentityConfigSchema,
  DEFAULT_IDENTITY_CONFIG,
  type MergeRule,
  type MergePolicy,
  type EntityIdentityConfig,
  type IdentityConfig,
  type IdentityConfigInput,
} from "./identity/identity-config.js";
export type { IdentityProblem } from "./identity/identity-problem.js";
export { isBlockedValue, DEFAULT_BLOCKED_VALUES } from "./identity/blocked-values.js";
export { isFreeMailDomain, FREE_MAIL_DOMAINS } from "./identity/free-mail-domains.js";
export { normalizeEmail } from "./identity/normalize-email.js";
export { mergeConsent } from "./identity/merge-values.js";
export type { UnifiedEntities, IdentityReport, ExplainedRecord, EntityExplanation, LinkEvidence, LinkExplanation } from "./identity/unified-entities.js";
export { toSnapshot } from "./identity/to-snapshot.js";
