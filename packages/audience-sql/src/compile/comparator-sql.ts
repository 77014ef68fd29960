import type { Comparator } from "@abm-kit/audience";
import type { SqlCompileContext } from "./context.js";

/** `expression` compared with a comparator; the bound is a parameter. NULL (a missing aggregate) compares false. */
export function comparatorSql(expression: string, comparator: Comparator, context: SqlCompileContext): string {
  const p = (n: number) => context.params.add(n, "number");
  if (comparator.op === "between") return `COALESCE((${expression} >= ${p(comparator.min)} AND ${expression} <= ${p(comparator.max)}), FALSE)`;
  const op = { eq: "=", neq: "<>", gt: ">", gte: ">=", lt: "<", lte: "<=" }[comparator.op];
  return `COALESCE((${expression} ${op} ${p(comparator.value)}), FALSE)`;
}
