import type { z } from "zod";

/** A path into a value: object keys and array indices, as zod reports them. */
export type ProblemPath = ReadonlyArray<string | number>;

/** One thing wrong with an input, and where. */
export interface Problem {
  /** Where the problem is, from the root of the value that was checked. */
  readonly path: ProblemPath;
  /** What is wrong, for a person to read. Never contains secret values. */
  readonly message: string;
  /** A short machine-readable kind, when there is one (zod issue codes, or ours). */
  readonly code?: string;
}

/**
 * The base of every error abm-kit raises on purpose. It has a stable `code`
 * and the list of every problem found, each with its path. Each package lists
 * its codes (`CORE_ERROR_CODES`, `AUDIENCE_ERROR_CODES`, …; the table is in
 * docs/errors.md) and types the errors it raises by them (`CoreErrorCode`, …).
 */
export class AbmKitError<Code extends string = string> extends Error {
  readonly code: Code;
  readonly problems: readonly Problem[];

  constructor(code: Code, message: string, problems: readonly Problem[] = [], options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.problems = problems;
  }
}

/** Input (a record, a definition, settings) did not pass its schema. */
export class ValidationError extends AbmKitError<"VALIDATION_FAILED"> {
  constructor(what: string, problems: readonly Problem[]) {
    super("VALIDATION_FAILED", `${what} is invalid: ${summarizeProblems(problems)}`, problems);
  }
}

/** Renders a path as `a.b[2].c`. */
export function formatPath(path: ProblemPath): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? part : `.${part}`;
  }
  return out === "" ? "(root)" : out;
}

/** One line naming up to `max` problems with their paths. */
export function summarizeProblems(problems: readonly Problem[], max = 5): string {
  const shown = problems.slice(0, max).map((p) => `${formatPath(p.path)}: ${p.message}`);
  const more = problems.length > max ? ` (and ${problems.length - max} more)` : "";
  return shown.join("; ") + more;
}

/** Converts a zod error into problems, optionally under a path prefix. */
export function problemsFromZod(error: z.ZodError, prefix: ProblemPath = []): Problem[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))],
    message: issue.message,
    code: issue.code,
  }));
}

/**
 * Parses `input` with `schema`; on failure throws a {@link ValidationError}
 * naming every problem. `what` names the input in the message ("audience", "settings").
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(what, problemsFromZod(result.error));
  return result.data;
}
