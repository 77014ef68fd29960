import type { Problem } from "@abm-kit/core";
import type { AudienceType } from "@abm-kit/audience";
import type { DialectName } from "../dialects/dialect.js";
import type { SqlParam } from "./params.js";

/**
 * One output of a compiled composition (the composition's own members, or
 * one split branch or tier): a query returning column `id`, ordered by id in
 * code-unit order — the order of the in-memory result's `memberIds`.
 */
export interface CompiledCompositionOutput {
  /** The output's id: the composition's, or the branch's. */
  readonly audienceId: string;
  /** The output's name (the composition's or branch's name; the id when it has none). */
  readonly audienceName: string;
  readonly type: AudienceType;
  readonly dialect: DialectName;
  /** The query; parameters are placeholders as in `compileAudienceSql`. */
  readonly sql: string;
  /** Parameter values in placeholder order. */
  readonly params: (string | number | boolean)[];
  /** Each parameter's value and SQL type. */
  readonly paramTypes: SqlParam[];
  /** Problems that did not stop compiling (unknown fields of referenced audiences read as missing). */
  readonly warnings: Problem[];
  /**
   * With `enrich`: a query returning `id` and one column per attribute (named
   * by it) for each member, ordered by id — the in-memory `members` with
   * values in JSON form (instants and dates as ISO text; missing is NULL).
   */
  readonly enrich?: CompiledCompositionQuery;
}

/** A query with its bound parameters. */
export interface CompiledCompositionQuery {
  readonly sql: string;
  readonly params: (string | number | boolean)[];
  readonly paramTypes: SqlParam[];
}

/**
 * The ranking of a composition whose members are a `rank` node: a query
 * returning columns `id`, `rank` (1-based) and `value` (the number ranked by;
 * instants and dates as epoch milliseconds; NULL when missing), in rank
 * order — the in-memory `ranking`.
 */
export type CompiledCompositionRanking = CompiledCompositionQuery;

/** A composition compiled to SQL: one query per output, in the order `evaluateComposition` returns its results. */
export interface CompiledComposition {
  readonly compositionId: string;
  readonly type: AudienceType;
  readonly dialect: DialectName;
  readonly outputs: CompiledCompositionOutput[];
  /** Present when the composition's members node is a `rank`. */
  readonly ranking?: CompiledCompositionRanking;
}
