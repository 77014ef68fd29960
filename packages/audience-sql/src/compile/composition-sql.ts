import type { AudienceSqlErrorCode } from "../error-codes.js";
import { AbmKitError, parseOrThrow, problemsFromZod, ValidationError, type Problem, type Snapshot } from "@abm-kit/core";
import {
  checkMemberLists,
  CompositionSchema,
  isAudienceResult,
  parseNow,
  validateAudience,
  type Audience,
  type AudienceInput,
  type AudienceMembers,
  type AudienceType,
  type Composition,
  type CompositionInput,
  type MemberList,
  type NowInput,
} from "@abm-kit/audience";
import type { DialectName } from "../dialects/dialect.js";
import { dialectOf } from "../dialects/index.js";
import { SqlLayoutSchema, type SqlLayout } from "../layout/layout.js";
import { snapshotLayout } from "../layout/snapshot-layout.js";
import { sqlComment } from "./comment.js";
import { sqlCompileFailed } from "./compile-failed.js";
import { CompositionSqlBuilder, compositionOutputIds } from "./composition-builder.js";
import type { CompiledComposition, CompiledCompositionOutput } from "./composition-output.js";
import { ParamList, renderParams } from "./params.js";
import { timestampText } from "./time-sql.js";

/** Options of {@link compileCompositionSql}. */
export interface CompileCompositionSqlOptions {
  readonly dialect: DialectName;
  /** The evaluation moment (bound as a parameter). */
  readonly now: NowInput;
  /** The tables' fields: a layout, or the Snapshot the tables were written from. */
  readonly layout?: SqlLayout;
  readonly snapshot?: Snapshot;
  /** Audience definitions the composition may reference (compiled to CTEs), or results (member ids bound as parameters). */
  readonly audiences?: Iterable<AudienceInput | AudienceMembers>;
  /** Results already evaluated (audiences or compositions) that may be referenced by id. */
  readonly results?: readonly MemberList[];
  /** Other compositions whose outputs (or branches) may be referenced by id. */
  readonly compositions?: readonly unknown[];
}

function layoutOf(options: CompileCompositionSqlOptions): SqlLayout {
  if (options.layout !== undefined) {
    const parsed = SqlLayoutSchema.safeParse(options.layout);
    if (!parsed.success)
      throw new AbmKitError<AudienceSqlErrorCode>("INVALID_OPTIONS", "layout is not a valid SQL layout", problemsFromZod(parsed.error, ["layout"]));
    return parsed.data;
  }
  if (options.snapshot !== undefined) return snapshotLayout(options.snapshot);
  throw new AbmKitError<AudienceSqlErrorCode>("INVALID_OPTIONS", "compiling to SQL needs the tables' layout: pass `layout` or `snapshot`", [
    { path: ["layout"], message: "required (or snapshot)" },
  ]);
}

function parseCompositions(inputs: readonly unknown[]): Composition[] {
  if (!Array.isArray(inputs))
    throw new AbmKitError<AudienceSqlErrorCode>("INVALID_OPTIONS", "compositions must be an array", [{ path: ["compositions"], message: "not an array" }]);
  const problems: Problem[] = [];
  const parsed = inputs.map((input, i) => {
    const result = CompositionSchema.safeParse(input);
    if (!result.success) problems.push(...problemsFromZod(result.error, ["compositions", i]));
    return result.data;
  });
  if (problems.length > 0) throw new ValidationError("composition", problems);
  return parsed as Composition[];
}

/**
 * Compiles a composition to SQL: one query per output — the composition's own
 * members, or each branch of its split (percentage, attribute, priority tiers
 * and `otherwise`) — in the order `evaluateComposition` returns its results.
 * Each query returns column `id` ordered by id (code-unit order), exactly the
 * members of the in-memory result at the same `now`. Referenced audiences,
 * other compositions and given results become CTEs in the same query; every
 * operand (member ids, split values, shares, rank limits, the split salt's
 * hash state, `now`) is a bound parameter. With `enrich`, each output also
 * has an enrich query: `id` and each attribute in its JSON form (attribute
 * names become column names, so they must differ from `id` and from each
 * other ignoring case: `AUDIENCE_COMPILE_FAILED` otherwise).
 *
 * Errors are the in-memory engine's: a `ValidationError` for a bad
 * definition, `UNKNOWN_AUDIENCE`, `COMPOSITION_CYCLE`,
 * `COMPOSITION_TYPE_MISMATCH`, `DUPLICATE_RESULT_ID`, `UNKNOWN_FIELD`,
 * `UNKNOWN_RELATION`, `INVALID_MEMBER_VALUE`; and `AUDIENCE_COMPILE_FAILED`
 * when a referenced audience does not fit the layout.
 */
export function compileCompositionSql(composition: CompositionInput, options: CompileCompositionSqlOptions): CompiledComposition {
  if (typeof options !== "object" || options === null)
    throw new AbmKitError<AudienceSqlErrorCode>("INVALID_OPTIONS", "compileCompositionSql needs options: dialect, now and layout or snapshot", [
      { path: [], message: "not an options object" },
    ]);
  const dialect = dialectOf(options.dialect);
  const nowMs = parseNow(options.now);
  const layout = layoutOf(options);
  const main = parseOrThrow(CompositionSchema, composition, "composition");
  const others = parseCompositions(options.compositions ?? []).filter((c) => c.id !== main.id);

  const definitions = new Map<string, Audience>();
  const results = new Map<string, { type: AudienceType; memberIds: readonly string[] }>();
  checkMemberLists(options.results ?? [], "results", "results");
  for (const result of options.results ?? []) results.set(result.audienceId, { type: result.type, memberIds: result.memberIds });
  let index = 0;
  for (const entry of options.audiences ?? []) {
    if (isAudienceResult(entry)) {
      checkMemberLists([entry], "audiences", "audiences");
      results.set(entry.audienceId, { type: entry.type, memberIds: entry.memberIds });
    } else {
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
  const producers = new Map<string, Composition>();
  const duplicates: Problem[] = [];
  [main, ...others].forEach((c, i) => {
    for (const id of compositionOutputIds(c)) {
      if (producers.has(id) || results.has(id)) duplicates.push({ path: ["compositions", i], message: `result id ${id} is produced twice` });
      producers.set(id, c);
    }
  });
  if (duplicates.length > 0)
    throw new AbmKitError<AudienceSqlErrorCode>("DUPLICATE_RESULT_ID", "two compositions produce results with the same id", duplicates);

  const names = new Map<string, number>([["id", -1]]);
  const nameProblems: Problem[] = [];
  (main.enrich ?? []).forEach((attribute, i) => {
    const key = attribute.name.toLowerCase();
    if (names.has(key))
      nameProblems.push({
        path: ["enrich", i, "name"],
        message: key === "id" ? "the enrich query's id column is named id" : `the name is used by enrich[${names.get(key)}] too (SQL column names ignore case)`,
      });
    else names.set(key, i);
  });
  if (nameProblems.length > 0) throw sqlCompileFailed(main.id, nameProblems);

  const params = new ParamList(dialect, timestampText(nowMs));
  const builder = new CompositionSqlBuilder(dialect, layout, params, definitions, results, producers);
  const outputs = builder.compositionOutputs(main);
  const header = (title: string) =>
    [
      sqlComment(`composition ${main.id}: ${main.name} (${main.type}, version ${main.version})`),
      sqlComment(title),
      sqlComment(`dialect ${dialect.name}; members are the ids the query returns`),
    ].join("\n");
  const render = (roots: string[], title: string, select: string) => {
    const { ctes, recursive } = builder.closure(roots);
    const rendered = renderParams(`${header(title)}\n${builder.withClause(ctes, recursive)}${select}`, params, dialect);
    return { sql: rendered.sql, params: rendered.params.map((p) => p.value), paramTypes: rendered.params };
  };
  const enrichSelects = outputs.map((output) => (main.enrich === undefined ? undefined : builder.enrichSelect(main.enrich, output)));
  const compiled: CompiledCompositionOutput[] = outputs.map((output, i) => ({
    audienceId: output.id,
    audienceName: output.name,
    type: output.type,
    dialect: dialect.name,
    ...render(
      [output.cte],
      `output ${output.id}${output.id === main.id ? "" : ` (${main.split?.by} split)`}, ordered by id`,
      `SELECT id FROM ${output.cte}\nORDER BY ${dialect.binaryText("id")}`,
    ),
    ...(enrichSelects[i] === undefined
      ? {}
      : { enrich: render([output.cte], `enrich of output ${output.id}: id and ${main.enrich!.length} attribute(s), ordered by id`, enrichSelects[i]) }),
    warnings: [...builder.warnings],
  }));
  const rank = builder.rankOf(main.members);
  const q = dialect.quote;
  const ranking =
    rank &&
    render(
      [rank.cte],
      "ranking of the members: id, rank, value in rank order",
      `SELECT id, _rank AS ${q("rank")}, _value AS ${q("value")}\nFROM ${rank.cte}\nWHERE _rank <= ${rank.limit}\nORDER BY _rank`,
    );
  return { compositionId: main.id, type: main.type, dialect: dialect.name, outputs: compiled, ...(ranking ? { ranking } : {}) };
}
