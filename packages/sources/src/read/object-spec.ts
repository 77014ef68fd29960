import type { AttributeValue, EntityKind, IdentityBatch, RecordOrigin, RelatedTableDefinition } from "@abm-kit/core";
import type { ValueType } from "../values/parse-value.js";

/** What a mapper gets for one record: its typed standard columns, its attributes, and how to report. */
export interface MapInput {
  /** Values of the spec's columns, parsed to their types (`undefined` when blank or unreadable). */
  readonly values: Readonly<Record<string, AttributeValue | undefined>>;
  /** Every other column, typed (declared or inferred): the record's open attributes. */
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  readonly origin: RecordOrigin;
  /** Reports a problem with a field; `error` rejects the record. */
  problem(field: string | undefined, message: string, severity: "error" | "warning", code: string): void;
}

/** How one kind of export maps to identity-graph records. */
export interface ObjectSpec {
  /** What the file holds, for reports (`salesforce:Contact`). */
  readonly kind: string;
  /** The entity kind custom fields are declared for (`person`, `account`, …); none when attributes are not kept. */
  readonly entity?: EntityKind;
  /** The standard columns read, with their types. */
  readonly columns: Readonly<Record<string, ValueType>>;
  /** Columns that must be present and valid, else the record is rejected. */
  readonly required: readonly string[];
  /** The column holding the record's id, checked for duplicates within the file. */
  readonly idColumn?: string;
  /** Whether columns outside `columns` are kept as attributes (default) or ignored. */
  readonly keepsExtras?: boolean;
  /** True for a column kept as an attribute without a warning (`__c` fields, Marketo custom fields). */
  isKnownExtra(column: string): boolean;
  /** The related tables the records go to, declared with the file's records so `toSnapshot` knows them. */
  readonly relatedTables?: readonly RelatedTableDefinition[];
  /** Maps one record; returns `undefined` to reject it (after reporting why). */
  map(input: MapInput): IdentityBatch | undefined;
}
