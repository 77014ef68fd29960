/** A field value written to Salesforce; `null` clears the field. */
export type RecordValue = string | boolean | null;

/** One record to write, and the members it stands for. */
export interface RecordRow {
  readonly memberIds: readonly string[];
  /** Field values (`Id` for updates and deletes). */
  readonly record: Readonly<Record<string, RecordValue>>;
}

/** Records of one object to insert, update or delete, with the error codes that mean "already done". */
export interface WriteJob {
  readonly object: string;
  readonly operation: "insert" | "update" | "delete";
  readonly rows: readonly RecordRow[];
  /** The column that names a row in Bulk results (`Id`, or `ContactId`/`LeadId` for campaign members). */
  readonly keyOf: (record: Readonly<Record<string, RecordValue>>) => string;
  /** Per-record errors that count as success (`DUPLICATE_VALUE` for an existing campaign member). */
  readonly doneCodes?: ReadonlySet<string>;
}
