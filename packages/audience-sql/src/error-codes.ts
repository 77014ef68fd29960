import type { ErrorCodeOf } from "@abm-kit/core";

/** Every `code` of an error `@abm-kit/audience-sql` raises (besides `VALIDATION_FAILED`), with what it means. */
export const AUDIENCE_SQL_ERROR_CODES = {
  INVALID_OPTIONS: "An option is not valid (`dialect`, neither `snapshot` nor `layout` given, …).",
  AUDIENCE_COMPILE_FAILED: "A valid definition does not fit the layout (wrong value types, undeclared related tables, unknown fields with `strict: true`).",
  UNKNOWN_AUDIENCE_REFERENCE: "An `inAudience` condition names an audience that was not given.",
  AUDIENCE_REFERENCE_CYCLE: "Audiences reference each other in a cycle.",
  DUPLICATE_AUDIENCE: "Two given audiences have the same id.",
  UNKNOWN_AUDIENCE: "A composition names an audience, composition or result that was not given.",
  DUPLICATE_RESULT_ID: "Two compositions or results produce the same id.",
  COMPOSITION_CYCLE: "Compositions reference each other in a cycle.",
  COMPOSITION_TYPE_MISMATCH: "A composition combines account and person lists.",
  INVALID_MEMBER_VALUE: "A rank, enrich or split value cannot be compiled (wrong field type, relation or aggregate).",
  UNKNOWN_FIELD: "A composition names a field the layout does not have.",
  UNKNOWN_RELATION: "A composition names a relation the member type does not have.",
  INVALID_LAYOUT: "The layout cannot be SQL tables (a reserved field name, clashing related tables).",
  INVALID_IDENTIFIER: "A name holds a control character and cannot be an SQL identifier.",
  SNAPSHOT_WRITE_FAILED: "The database refused a write of `writeSnapshotToDuckDB` / `writeSnapshotToPostgres` (`SnapshotWriteError`).",
} as const;
/** A code of an error `@abm-kit/audience-sql` raises. */
export type AudienceSqlErrorCode = ErrorCodeOf<typeof AUDIENCE_SQL_ERROR_CODES>;
