import type { Problem, ProblemPath } from "@abm-kit/core";
import type { z } from "zod";

type Issue = z.core.$ZodIssue;

/**
 * The problems of a zod error, with a union's failure replaced by the failures
 * of the one option the value was meant for (the only option with no problem
 * at its own level, such as an unknown or a missing key): `window.last.amount`
 * instead of "invalid input" at `window`. A union no option fits that way is
 * reported as it is.
 */
export function zodProblems(error: z.ZodError, prefix: ProblemPath = []): Problem[] {
  const out: Problem[] = [];
  expand(error.issues, prefix, out);
  return out;
}

function expand(issues: readonly Issue[], prefix: ProblemPath, out: Problem[]): void {
  for (const issue of issues) {
    const path = [...prefix, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))];
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      const fitting = issue.errors.filter((branch) => branch.length > 0 && branch.every((i) => i.path.length > 0));
      if (fitting.length === 1) {
        expand(fitting[0]!, path, out);
        continue;
      }
    }
    out.push({ path, message: issue.message, code: issue.code });
  }
}
