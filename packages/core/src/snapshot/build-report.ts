import type { Problem } from "../errors.js";

/** Where a row came from, for reports: a file and line, or any description. */
export interface RowOrigin {
  readonly file?: string;
  readonly line?: number;
  readonly source?: string;
}

/** A problem with one input row. `error` rows were rejected; `warning` rows were loaded. */
export interface RowProblem extends Problem {
  readonly entity: string;
  /** 1-based position of the row among the rows of its entity added to the builder. */
  readonly row: number;
  readonly id?: string;
  readonly severity: "error" | "warning";
  readonly origin?: RowOrigin;
}

/** Rows read, loaded and rejected for one entity kind or related table. */
export interface EntityCounts {
  read: number;
  loaded: number;
  rejected: number;
}

/** What a Snapshot build did with its input. */
export interface BuildReport {
  /** Counts by entity kind (`account`, `person`, …) and by related table (`related:<name>`). */
  readonly counts: Readonly<Record<string, Readonly<EntityCounts>>>;
  /** Every problem found, up to the builder's `maxProblems`. */
  readonly problems: readonly RowProblem[];
  /** Problems found beyond `maxProblems` (counted, not kept). */
  readonly problemsOmitted: number;
  /** Related-table rows whose key matched no account or person (kept, but joined to nothing). */
  readonly unmatchedRelatedRows: Readonly<Record<string, number>>;
}
