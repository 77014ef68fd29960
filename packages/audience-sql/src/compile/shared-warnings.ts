import type { Problem } from "@abm-kit/core";
import type { SqlCompileContext } from "./context.js";

/**
 * Runs `compile` once per event table with its own warnings, then keeps only
 * the warnings every table raised (a property one table lacks is not worth a
 * warning when the other has it), as the in-memory engine does.
 */
export function withSharedWarnings<T>(
  context: SqlCompileContext,
  tables: readonly ("person" | "account")[],
  compile: (owner: "person" | "account", local: SqlCompileContext) => T,
): T[] {
  const warningsByTable: Problem[][] = [];
  const results = tables.map((owner) => {
    const warnings: Problem[] = [];
    warningsByTable.push(warnings);
    return compile(owner, { ...context, warnings });
  });
  const key = (p: Problem) => `${JSON.stringify(p.path)}|${p.message}`;
  const [first, ...rest] = warningsByTable;
  for (const warning of first ?? []) if (rest.every((ws) => ws.some((w) => key(w) === key(warning)))) context.warnings.push(warning);
  return results;
}
