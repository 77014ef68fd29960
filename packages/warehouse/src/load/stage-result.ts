import type { FieldType } from "@abm-kit/core";

/** What loading one file did: the tables written and the counts of the file's report. */
export interface StagedFile {
  readonly file: string;
  /** The table of loaded records (`_record`, the spec's columns typed, the other columns as text). */
  readonly table: string;
  readonly read: number;
  readonly loaded: number;
  readonly rejected: number;
  /** The file's header, in order. */
  readonly columns: readonly string[];
  /** The type of each kept column outside the spec's columns (declared, else inferred from the values). */
  readonly extraTypes: Readonly<Record<string, FieldType>>;
}
