import type { ProblemPath } from "@abm-kit/core";

/** A problem path as text: `condition.conditions[0].where`. */
export function formatPathShort(path: ProblemPath): string {
  return path.map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`)).join("");
}
