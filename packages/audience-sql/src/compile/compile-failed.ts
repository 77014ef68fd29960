import type { AudienceSqlErrorCode } from "../error-codes.js";
import { AbmKitError, type Problem } from "@abm-kit/core";

/** Raised when an audience cannot be compiled against a layout (wrong types, unknown tables or references). */
export function sqlCompileFailed(audienceId: string, problems: readonly Problem[]): AbmKitError {
  const first = problems[0];
  const detail = first ? `: ${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ""}` : "";
  return new AbmKitError<AudienceSqlErrorCode>(
    "AUDIENCE_COMPILE_FAILED",
    `audience ${JSON.stringify(audienceId)} cannot be compiled to SQL on this layout${detail}`,
    problems,
  );
}
