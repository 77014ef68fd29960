import type { AudienceErrorCode } from "../error-codes.js";
import { AbmKitError, type Problem, type ProblemPath, type Snapshot, type Table } from "@abm-kit/core";
import type { Condition } from "../definition/condition.js";
import type { RowTest } from "../evaluate/attribute-test.js";
import type { CompileContext } from "../evaluate/compile-context.js";
import { compileRowTest } from "../evaluate/row-test.js";

/** A compiled `where`, and the fields it names that `table` does not have. */
export interface RowFilter {
  readonly test: RowTest;
  readonly unknownFields: readonly Problem[];
}

/**
 * Compiles a `where` of a member value (attribute, and, or, not) into a test of
 * rows of `table`, with the audience evaluator's semantics (a missing value
 * fails every comparison; an unknown field reads as missing and is listed in
 * `unknownFields`). Other problems raise `INVALID_MEMBER_VALUE`.
 */
export function compileRowFilter(
  snapshot: Snapshot,
  where: Condition | undefined,
  table: Table<string>,
  label: string,
  path: ProblemPath,
  nowMs: number,
): RowFilter {
  if (where === undefined) return { test: () => true, unknownFields: [] };
  const context: CompileContext = { snapshot, referenceTypes: new Map(), strict: false, errors: [], warnings: [] };
  const factory = compileRowTest(where, table, label, path, context);
  if (context.errors.length > 0) {
    throw new AbmKitError<AudienceErrorCode>(
      "INVALID_MEMBER_VALUE",
      `the where of a member value does not fit ${label} rows: ${context.errors[0]!.message}`,
      context.errors,
    );
  }
  return { test: factory(nowMs), unknownFields: context.warnings };
}

/**
 * Raises `UNKNOWN_FIELD` for fields no table knows: a field named in a
 * member value's `where` must exist in at least one of the tables it reads
 * (a typo would otherwise silently change a ranking).
 */
export function rejectUnknownFields(filters: readonly RowFilter[]): void {
  const [first, ...rest] = filters;
  if (first === undefined) return;
  const key = (p: Problem) => p.path.join("\u0000");
  const everywhere = first.unknownFields.filter((p) => rest.every((f) => f.unknownFields.some((q) => key(q) === key(p))));
  if (everywhere.length > 0)
    throw new AbmKitError<AudienceErrorCode>("UNKNOWN_FIELD", `a member value's where names an unknown field: ${everywhere[0]!.message}`, everywhere);
}
