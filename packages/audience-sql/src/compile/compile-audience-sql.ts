import type { AudienceSqlErrorCode } from "../error-codes.js";
import { AbmKitError, type Problem, type Snapshot } from "@abm-kit/core";
import {
  isAudienceResult,
  parseNow,
  validateAudience,
  type Audience,
  type AudienceInput,
  type AudienceMembers,
  type AudienceType,
  type NowInput,
} from "@abm-kit/audience";
import type { DialectName } from "../dialects/dialect.js";
import { dialectOf } from "../dialects/index.js";
import { SqlLayoutSchema, type SqlLayout } from "../layout/layout.js";
import { snapshotLayout } from "../layout/snapshot-layout.js";
import { sqlComment } from "./comment.js";
import { sqlCompileFailed } from "./compile-failed.js";
import { conditionSql } from "./condition-sql.js";
import { indent, type SqlCompileContext } from "./context.js";
import { ParamList, renderParams, type SqlParam } from "./params.js";
import { referenceOrder } from "./reference-order.js";
import { entityFrom, entityScope } from "./relations-sql.js";
import { timestampText } from "./time-sql.js";

/** Options of {@link compileAudienceSql}. */
export interface CompileSqlOptions {
  readonly dialect: DialectName;
  /** The evaluation moment (bound as a parameter; relative windows are computed from it in SQL). */
  readonly now: NowInput;
  /** The tables' fields: a layout, or the Snapshot the tables were written from. */
  readonly layout?: SqlLayout;
  readonly snapshot?: Snapshot;
  /** Audiences `inAudience` may reference: definitions (compiled to CTEs first) or results (their member ids bound as parameters). */
  readonly audiences?: Iterable<AudienceInput | AudienceMembers>;
}

/** An audience compiled to one SQL query returning its members' ids (column `id`) in ascending code-unit order. */
export interface CompiledSql {
  readonly audienceId: string;
  readonly type: AudienceType;
  readonly dialect: DialectName;
  /** The query; parameters are placeholders (`$1` in DuckDB and PostgreSQL, `?` in Snowflake and Spark, `@p1` in BigQuery). */
  readonly sql: string;
  /** Parameter values in placeholder order (for BigQuery, `@pN` is `params[N-1]`). */
  readonly params: (string | number | boolean)[];
  /** Each parameter's value and SQL type. */
  readonly paramTypes: SqlParam[];
  /** Problems that did not stop compiling: unknown fields read as missing. */
  readonly warnings: Problem[];
}

function layoutOf(options: CompileSqlOptions): SqlLayout {
  if (options.layout !== undefined) {
    const parsed = SqlLayoutSchema.safeParse(options.layout);
    if (!parsed.success)
      throw new AbmKitError<AudienceSqlErrorCode>(
        "INVALID_OPTIONS",
        "layout is not a valid SQL layout",
        parsed.error.issues.map((i) => ({ path: ["layout", ...i.path.map((p) => (typeof p === "symbol" ? String(p) : p))], message: i.message })),
      );
    return parsed.data;
  }
  if (options.snapshot !== undefined) return snapshotLayout(options.snapshot);
  throw new AbmKitError<AudienceSqlErrorCode>("INVALID_OPTIONS", "compiling to SQL needs the tables' layout: pass `layout` or `snapshot`", [
    { path: ["layout"], message: "required (or snapshot)" },
  ]);
}

/**
 * Compiles an audience definition to one SQL query for a dialect: referenced
 * audiences become CTEs in dependency order (a cycle is an
 * `AUDIENCE_REFERENCE_CYCLE` error), sequences become CTEs, every other
 * condition a boolean expression over the row. Every operand is a bound
 * parameter. The query returns column `id`, ordered by id.
 */
export function compileAudienceSql(audience: AudienceInput, options: CompileSqlOptions): CompiledSql {
  const dialect = dialectOf(options?.dialect);
  const now = parseNow(options.now);
  const layout = layoutOf(options);
  const root = validateAudience(audience);
  const definitions = new Map<string, Audience>();
  const results = new Map<string, { type: AudienceType; memberIds: readonly string[] }>();
  let index = 0;
  for (const entry of options.audiences ?? []) {
    if (isAudienceResult(entry)) results.set(entry.audienceId, { type: entry.type, memberIds: entry.memberIds });
    else {
      const definition = validateAudience(entry);
      if (definitions.has(definition.id)) {
        throw new AbmKitError<AudienceSqlErrorCode>("DUPLICATE_AUDIENCE", `audience id ${JSON.stringify(definition.id)} is given twice`, [
          { path: ["audiences", index, "id"], message: "duplicate audience id" },
        ]);
      }
      definitions.set(definition.id, definition);
    }
    index++;
  }
  definitions.delete(root.id);
  const order = referenceOrder(root, definitions, (id) => results.has(id));

  const params = new ParamList(dialect, timestampText(now));
  const ctes: SqlCompileContext["ctes"] = [];
  const references = new Map<string, { cte: string; type: AudienceType }>();
  const warnings: Problem[] = [];
  let aliases = 0;
  let cteCount = 0;
  const audienceCtes: { name: string; comment: string; body: string }[] = [];
  let mainBody = "";
  for (const id of order) {
    const definition = id === root.id ? root : definitions.get(id);
    const context: SqlCompileContext = {
      dialect,
      layout,
      params,
      ctes,
      references,
      errors: [],
      warnings: [],
      alias: () => `t${aliases++}`,
      cteName: (prefix) => `${prefix}_${++cteCount}`,
    };
    let body: string;
    let type: AudienceType;
    if (definition === undefined) {
      const result = results.get(id)!;
      type = result.type;
      const scope = entityScope(context, type);
      const ids = result.memberIds.map((m) => params.add(m, "text"));
      body = `SELECT ${scope.alias}.id FROM ${entityFrom(context, type, scope.alias)}\nWHERE ${ids.length === 0 ? "FALSE" : `${scope.alias}.id IN (${ids.join(", ")})`}`;
    } else {
      type = definition.type;
      const scope = entityScope(context, type);
      const condition = conditionSql(definition.condition, scope, ["condition"], context);
      if (context.errors.length > 0) throw sqlCompileFailed(definition.id, context.errors);
      const referenced = id === root.id ? "" : `in referenced audience ${id}: `;
      for (const w of context.warnings) warnings.push(referenced ? { ...w, message: referenced + w.message } : w);
      body = `SELECT ${scope.alias}.id AS id\nFROM ${entityFrom(context, type, scope.alias)}\nWHERE\n${indent(condition)}`;
      if (id === root.id) body += `\nORDER BY ${dialect.binaryText(`${scope.alias}.id`)}`;
    }
    if (id === root.id) mainBody = body;
    else {
      const cte = `ref_${audienceCtes.length + 1}`;
      audienceCtes.push({
        name: cte,
        comment: `audience ${id}${definition ? ` (${definition.type}, version ${definition.version})` : " (given result)"}`,
        body,
      });
      references.set(id, { cte, type });
    }
  }
  const withs = [...ctes, ...audienceCtes].map((c) => `${sqlComment(c.comment)}\n${c.name} AS (\n${indent(c.body)}\n)`);
  const header = [
    sqlComment(`audience ${root.id}: ${root.name} (${root.type}, version ${root.version})`),
    sqlComment(`dialect ${dialect.name}; members are the ids the query returns`),
  ].join("\n");
  const text = `${header}\n${withs.length > 0 ? `WITH\n${withs.join(",\n")}\n` : ""}${mainBody}`;
  const rendered = renderParams(text, params, dialect);
  return {
    audienceId: root.id,
    type: root.type,
    dialect: dialect.name,
    sql: rendered.sql,
    params: rendered.params.map((p) => p.value),
    paramTypes: rendered.params,
    warnings,
  };
}
