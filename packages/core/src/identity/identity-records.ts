import { z } from "zod";
import {
  AccountSchema,
  EventPropertyValueSchema,
  CampaignMemberSchema,
  CampaignSchema,
  OpportunityPersonRoleSchema,
  OpportunitySchema,
  PersonSchema,
  RelatedRowSchema,
  RelatedTableDefinitionSchema,
} from "../schemas/index.js";
import { SourceKeySchema } from "../source-key.js";
import { FieldDefinitionsSchema, InstantSchema } from "../values.js";
import { IdentityRefSchema } from "./identity-ref.js";

/** Where a source record was read: file and line, for reports and explanations. */
export const RecordOriginSchema = z.object({ file: z.string().optional(), line: z.number().int().optional() });
export type RecordOrigin = z.infer<typeof RecordOriginSchema>;

const sourceRecordBase = {
  /** The record's own identity: its namespace (`salesforce.contact`, `marketo.lead`) and id there. */
  key: IdentityRefSchema,
  /** Where the record lives in its source system. */
  sourceKey: SourceKeySchema,
  /** Further identities: cross-references to other records (`salesforce.contact` on a Marketo lead), extra emails, … */
  identities: z.array(IdentityRefSchema).optional(),
  origin: RecordOriginSchema.optional(),
};

/** A person as one source holds it (a Salesforce contact or lead, a Marketo lead). */
export const PersonSourceRecordSchema = z.object({
  ...sourceRecordBase,
  person: PersonSchema.omit({ id: true, sourceKeys: true }),
});
export type PersonSourceRecord = z.infer<typeof PersonSourceRecordSchema>;

/** An account as one source holds it (a Salesforce account, a Marketo company). */
export const AccountSourceRecordSchema = z.object({
  ...sourceRecordBase,
  account: AccountSchema.omit({ id: true, sourceKeys: true }),
});
export type AccountSourceRecord = z.infer<typeof AccountSourceRecordSchema>;

/**
 * A person–account link stated by a source: Contact.AccountId, an
 * AccountContactRelation row, Lead.ConvertedAccountId, a Marketo lead's
 * sfdcAccountId. `rule` names which, and becomes the link's `reason`.
 */
export const LinkSourceRecordSchema = z.object({
  person: IdentityRefSchema,
  account: IdentityRefSchema,
  rule: z.string().min(1),
  sourceKey: SourceKeySchema.optional(),
  roles: z.array(z.string()).optional(),
  isDirect: z.boolean().optional(),
  isActive: z.boolean().optional(),
  isPrimary: z.boolean().optional(),
  startDate: z.iso.date().nullish(),
  endDate: z.iso.date().nullish(),
  origin: RecordOriginSchema.optional(),
});
export type LinkSourceRecord = z.infer<typeof LinkSourceRecordSchema>;

/** An opportunity whose account is named by an identity (re-pointed to the unified account id). */
export const OpportunitySourceRecordSchema = z.object({
  opportunity: OpportunitySchema.omit({ accountId: true }),
  account: IdentityRefSchema.optional(),
  origin: RecordOriginSchema.optional(),
});
export type OpportunitySourceRecord = z.infer<typeof OpportunitySourceRecordSchema>;

/** A person's role on an opportunity, the person named by an identity. */
export const OpportunityRoleSourceRecordSchema = z.object({
  role: OpportunityPersonRoleSchema.omit({ personId: true }),
  person: IdentityRefSchema,
  origin: RecordOriginSchema.optional(),
});
export type OpportunityRoleSourceRecord = z.infer<typeof OpportunityRoleSourceRecordSchema>;

/** A campaign member, the person named by an identity. */
export const CampaignMemberSourceRecordSchema = z.object({
  member: CampaignMemberSchema.omit({ personId: true }),
  person: IdentityRefSchema,
  origin: RecordOriginSchema.optional(),
});
export type CampaignMemberSourceRecord = z.infer<typeof CampaignMemberSourceRecordSchema>;

/** An event owned by the person or the account an identity names (an account may be named by `domain`). */
export const EventSourceRecordSchema = z
  .object({
    event: z.object({
      id: z.string().min(1),
      type: z.string().min(1),
      occurredAt: InstantSchema,
      properties: z.record(z.string().min(1), EventPropertyValueSchema).optional(),
      sourceKeys: z.array(SourceKeySchema).optional(),
    }),
    person: IdentityRefSchema.optional(),
    account: IdentityRefSchema.optional(),
    origin: RecordOriginSchema.optional(),
  })
  .refine((r) => (r.person === undefined) !== (r.account === undefined), {
    message: "an event names exactly one of person and account",
    path: ["person"],
  });
export type EventSourceRecord = z.infer<typeof EventSourceRecordSchema>;

/**
 * A row of a related table. Rows of an account- or person-keyed table may name
 * their owner by identity (`owner`); their `key` is then set to the unified id.
 * Domain- and DUNS-keyed rows pass through and join accounts in the Snapshot.
 */
export const RelatedSourceRecordSchema = z.object({
  table: z.string().min(1),
  row: RelatedRowSchema,
  owner: IdentityRefSchema.optional(),
  /** What `owner` names: an account (default) or a person. */
  ownerKind: z.enum(["account", "person"]).optional(),
  origin: RecordOriginSchema.optional(),
});
export type RelatedSourceRecord = z.infer<typeof RelatedSourceRecordSchema>;

/** A batch of source records for {@link IdentityGraph.add}; every part is optional. */
export interface IdentityBatch {
  readonly persons?: readonly PersonSourceRecord[];
  readonly accounts?: readonly AccountSourceRecord[];
  readonly links?: readonly LinkSourceRecord[];
  readonly opportunities?: readonly OpportunitySourceRecord[];
  readonly opportunityRoles?: readonly OpportunityRoleSourceRecord[];
  readonly campaigns?: readonly z.input<typeof CampaignSchema>[];
  readonly campaignMembers?: readonly CampaignMemberSourceRecord[];
  readonly events?: readonly EventSourceRecord[];
  readonly related?: readonly RelatedSourceRecord[];
  /** Declared custom fields found by the reader (types of `__c` fields, event properties), by entity kind. */
  readonly fields?: Readonly<Record<string, z.input<typeof FieldDefinitionsSchema>>>;
  /** Related tables the reader writes (the Asset reader's `ownedProducts`), so `toSnapshot` knows them without the caller declaring them. */
  readonly relatedTables?: readonly z.input<typeof RelatedTableDefinitionSchema>[];
}

/** The batch part names, in the order the graph processes them. */
export const BATCH_PARTS = ["accounts", "persons", "links", "opportunities", "opportunityRoles", "campaigns", "campaignMembers", "events", "related"] as const;
export type BatchPart = (typeof BATCH_PARTS)[number];

/** The schema of each batch part's records. */
export const BATCH_PART_SCHEMAS: Record<BatchPart, z.ZodType> = {
  accounts: AccountSourceRecordSchema,
  persons: PersonSourceRecordSchema,
  links: LinkSourceRecordSchema,
  opportunities: OpportunitySourceRecordSchema,
  opportunityRoles: OpportunityRoleSourceRecordSchema,
  campaigns: CampaignSchema,
  campaignMembers: CampaignMemberSourceRecordSchema,
  events: EventSourceRecordSchema,
  related: RelatedSourceRecordSchema,
};
