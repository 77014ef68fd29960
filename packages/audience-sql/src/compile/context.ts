import type { FieldType, Problem, ProblemPath } from "@abm-kit/core";
import type { AudienceType, ContextKind } from "@abm-kit/audience";
import type { SqlDialect } from "../dialects/dialect.js";
import { columnNameOf } from "../layout/column-names.js";
import type { SqlFields, SqlLayout } from "../layout/layout.js";
import type { ParamList } from "./params.js";

/** The rows a condition is compiled over: their kind, table alias and fields. */
export interface SqlScope {
  readonly kind: ContextKind;
  /** The alias the rows have in the query (`t0`, `t3`, …). */
  readonly alias: string;
  readonly fields: SqlFields;
  /** Whether the rows have ids (the `id` field). */
  readonly hasIds: boolean;
  /** How the scope is named in messages. */
  readonly label: string;
}

/** What compiling one query needs: the dialect, the layout, parameters, CTEs, references, problems. */
export interface SqlCompileContext {
  readonly dialect: SqlDialect;
  readonly layout: SqlLayout;
  readonly params: ParamList;
  /** CTEs (name, body) that conditions need (sequences), in the order they were made. */
  readonly ctes: { name: string; comment: string; body: string }[];
  /** The CTE of each referenced audience, with its type. */
  readonly references: ReadonlyMap<string, { cte: string; type: AudienceType }>;
  readonly errors: Problem[];
  readonly warnings: Problem[];
  /** A fresh table alias. */
  alias(): string;
  /** A fresh CTE name with this prefix. */
  cteName(prefix: string): string;
}

/** The type of `field` in `scope` (`id` where rows have ids), or undefined when unknown. */
export function fieldType(scope: SqlScope, field: string): FieldType | undefined {
  if (Object.hasOwn(scope.fields, field)) return scope.fields[field];
  if (field === "id" && scope.hasIds) return "string";
  return undefined;
}

/** The column of `field` in `scope`. */
export function column(context: SqlCompileContext, scope: SqlScope, field: string): string {
  if (field === "id" && !Object.hasOwn(scope.fields, field)) return `${scope.alias}.id`;
  return fieldColumn(context, scope.alias, scope.fields, field);
}

/** `alias."column"` of `field` in a table with these fields: the layout's column name of the field (see `fieldColumnNames`), quoted. */
export function fieldColumn(context: SqlCompileContext, alias: string, fields: SqlFields, field: string): string {
  return `${alias}.${context.dialect.quote(columnNameOf(fields, field))}`;
}

/** Records an unknown field (it reads as missing). */
export function unknownField(context: SqlCompileContext, scope: SqlScope, field: string, path: ProblemPath): void {
  context.warnings.push({
    path: [...path, "field"],
    message: `${scope.label} rows have no field ${JSON.stringify(field)}; it reads as missing`,
    code: "unknown_field",
  });
}

/** `text` indented by two spaces per level. */
export function indent(text: string, levels = 1): string {
  const pad = "  ".repeat(levels);
  return text
    .split("\n")
    .map((line) => (line.length > 0 ? pad + line : line))
    .join("\n");
}
