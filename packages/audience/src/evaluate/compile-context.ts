import type { AudienceErrorCode } from "../error-codes.js";
import { AbmKitError, type Problem, type ProblemPath, type Snapshot, type Table } from "@abm-kit/core";
import type { AudienceType } from "../definition/audience.js";
import type { ContextKind } from "../definition/contexts.js";

/** The rows a condition is compiled over: their kind and table. */
export interface Scope {
  readonly kind: ContextKind;
  readonly table: Table<string>;
  /** How the scope is named in messages (`account`, `related:intent`, …). */
  readonly label: string;
}

/** What compiling needs besides the condition: the snapshot, known references, and where problems go. */
export interface CompileContext {
  readonly snapshot: Snapshot;
  /** The type of each audience that may be referenced with `inAudience`. */
  readonly referenceTypes: ReadonlyMap<string, AudienceType>;
  /** Unknown fields are errors instead of missing values. */
  readonly strict: boolean;
  /** Errors: compiling fails when any is found. */
  readonly errors: Problem[];
  /** Warnings: unknown fields read as missing. */
  readonly warnings: Problem[];
}

/** Raised when an audience cannot be compiled against a Snapshot (wrong types, unknown tables, …). */
export function compileFailed(audienceId: string, problems: readonly Problem[]): AbmKitError {
  const first = problems[0];
  const detail = first ? `: ${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ""}` : "";
  return new AbmKitError<AudienceErrorCode>(
    "AUDIENCE_COMPILE_FAILED",
    `audience ${JSON.stringify(audienceId)} cannot be evaluated on this snapshot${detail}`,
    problems,
  );
}

/** Records an unknown field: an error when strict, otherwise a warning (the field reads as missing). */
export function reportUnknownField(context: CompileContext, scope: string, field: string, path: ProblemPath): void {
  const problem = { path: [...path, "field"], message: `${scope} rows have no field ${JSON.stringify(field)}; it reads as missing`, code: "unknown_field" };
  (context.strict ? context.errors : context.warnings).push(problem);
}
