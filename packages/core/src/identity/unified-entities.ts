import type { EntityKind } from "../entity-fields.js";
import type {
  Account,
  AccountPersonRelation,
  ActivityEvent,
  Campaign,
  CampaignMember,
  Opportunity,
  OpportunityPersonRole,
  Person,
  RelatedRow,
} from "../schemas/index.js";
import type { SourceKey } from "../source-key.js";
import type { FieldDefinitions } from "../values.js";
import type { RelatedTableDefinition } from "../schemas/related-table.js";
import type { OverCapValue } from "./cluster-index.js";
import type { IdentityProblem } from "./identity-problem.js";
import type { RecordOrigin } from "./identity-records.js";

/** The unified core entities of an identity graph, ready for a SnapshotBuilder; every list in a stable order. */
export interface UnifiedEntities {
  readonly accounts: readonly Account[];
  readonly persons: readonly Person[];
  /** One link per stated link or domain match; `reason` names the rule. Pairs repeat when several rules link them. */
  readonly links: readonly AccountPersonRelation[];
  readonly opportunities: readonly Opportunity[];
  readonly opportunityRoles: readonly OpportunityPersonRole[];
  readonly campaigns: readonly Campaign[];
  readonly campaignMembers: readonly CampaignMember[];
  /** Events, re-pointed to unified person and account ids. */
  readonly events: readonly ActivityEvent[];
  /** Related-table rows by table name; account- and person-keyed rows carry unified ids. */
  readonly related: Readonly<Record<string, readonly RelatedRow[]>>;
  /** Custom fields the sources declared, by entity kind. */
  readonly fields: Partial<Record<EntityKind, FieldDefinitions>>;
  /** Related tables the readers declared (sorted by name); `toSnapshot` uses them unless its options declare the same name. */
  readonly relatedTables: readonly RelatedTableDefinition[];
}

/** What unification did: counts before and after merging, links per rule, guarded values, problems. */
export interface IdentityReport {
  readonly sourceRecords: { readonly persons: number; readonly accounts: number };
  readonly unified: { readonly persons: number; readonly accounts: number };
  /** Links made per rule (`contactAccount`, `accountContactRelation`, `emailDomain`, …). */
  readonly linksByRule: Readonly<Record<string, number>>;
  /** Values not used to merge because too many records share them (collapse guard). */
  readonly overCapValues: readonly (OverCapValue & { readonly kind: "person" | "account" })[];
  /** Identity values ignored because they are blocked (`null`, `test@test.com`, …), by namespace. */
  readonly blockedValues: Readonly<Record<string, number>>;
  /** Records rejected when added, and references that did not resolve. */
  readonly problems: readonly IdentityProblem[];
}

/** One source record of a unified entity, as explanations show it. */
export interface ExplainedRecord {
  readonly sourceKey: SourceKey;
  readonly key: { readonly namespace: string; readonly value: string };
  readonly origin?: RecordOrigin;
}

/** Why several source records are one person (or account). */
export interface EntityExplanation {
  readonly id: string;
  /** Every source record of the entity. */
  readonly records: readonly ExplainedRecord[];
  /** Each shared value that merged records: its rule (namespace or `sameRecord`), value, and the records. */
  readonly merges: readonly { readonly rule: string; readonly value: string; readonly records: readonly SourceKey[] }[];
  /** Identity values of these records that did not merge: blocked or shared by too many records. */
  readonly ignoredIdentities: readonly { readonly namespace: string; readonly value: string; readonly reason: "blocked" | "overCap" }[];
}

/** One piece of evidence that a person belongs to an account. */
export interface LinkEvidence {
  /** The rule: the link record's `rule`, or `emailDomain`. */
  readonly rule: string;
  /** The record that stated the link (a Contact, an AccountContactRelation, a Marketo lead), when one did. */
  readonly sourceKey?: SourceKey;
  readonly origin?: RecordOrigin;
  /** For `emailDomain`: the domain both share. */
  readonly domain?: string;
  readonly isActive: boolean;
}

/** Why a person is linked to an account. */
export interface LinkExplanation {
  readonly personId: string;
  readonly accountId: string;
  readonly evidence: readonly LinkEvidence[];
}
