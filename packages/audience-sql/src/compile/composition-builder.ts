import type { AudienceSqlErrorCode } from "../error-codes.js";
import { AbmKitError, type Problem, type ProblemPath } from "@abm-kit/core";
import {
  referencedAudienceIds,
  validateAudience,
  type Audience,
  type AudienceType,
  type Composition,
  type CompositionNode,
  type EnrichAttribute,
} from "@abm-kit/audience";
import type { SqlDialect } from "../dialects/dialect.js";
import type { SqlLayout } from "../layout/layout.js";
import { sqlComment } from "./comment.js";
import { sqlCompileFailed } from "./compile-failed.js";
import { attributeBranchSql, splitFieldColumn } from "./composition-attribute-split.js";
import { memberValueSql } from "./composition-member-value.js";
import { fnv1a32State, splitHashSql } from "./composition-split-hash.js";
import { conditionSql } from "./condition-sql.js";
import { indent, type SqlCompileContext } from "./context.js";
import { formatPathShort } from "./path-text.js";
import type { ParamList } from "./params.js";
import { entityFrom, entityScope } from "./relations-sql.js";

/** A CTE of a composition query: its name, a comment naming what it holds, its body and the CTEs it reads. */
export interface CompositionCte {
  readonly name: string;
  readonly comment: string;
  readonly body: string;
  readonly deps: readonly string[];
  readonly recursive: boolean;
  /** Column names written after a recursive CTE's name (Snowflake wants them; BigQuery takes none). */
  readonly columns?: readonly string[];
}

/** A set of member ids held by a CTE (column `id`), with the entity type. */
interface IdSet {
  readonly cte: string;
  readonly type: AudienceType;
}

/** A named output of a compiled composition. */
export interface CompositionOutputCte extends IdSet {
  readonly id: string;
  readonly name: string;
}

const fail = (code: AudienceSqlErrorCode, message: string, path: ProblemPath): never => {
  throw new AbmKitError<AudienceSqlErrorCode>(code, message, [{ path: [...path], message }]);
};

/** The ids of the results a composition yields: its own, or each branch's (the in-memory order). */
export function compositionOutputIds(composition: Composition): string[] {
  const split = composition.split;
  if (split === undefined) return [composition.id];
  const branches = split.by === "priority" ? split.tiers : split.branches;
  return [...branches.map((b) => b.id), ...(split.by !== "percentage" && split.otherwise ? [split.otherwise.id] : [])];
}

/**
 * Compiles compositions, the audiences they reference and given results into
 * CTEs sharing one parameter list, each id set once. Resolution follows the
 * in-memory engine: given results first, then other compositions' outputs,
 * then audience definitions.
 */
export class CompositionSqlBuilder {
  readonly ctes: CompositionCte[] = [];
  readonly warnings: Problem[] = [];
  private readonly resolved = new Map<string, IdSet>();
  private readonly outputs = new Map<string, CompositionOutputCte[]>();
  private readonly stack: { id: string; kind: "composition" | "audience" }[] = [];
  private readonly rankCtes = new Map<CompositionNode, { cte: string; limit: string }>();
  private aliases = 0;
  private cteCount = 0;

  constructor(
    private readonly dialect: SqlDialect,
    private readonly layout: SqlLayout,
    readonly params: ParamList,
    private readonly definitions: ReadonlyMap<string, Audience>,
    private readonly results: ReadonlyMap<string, { type: AudienceType; memberIds: readonly string[] }>,
    private readonly producers: ReadonlyMap<string, Composition>,
  ) {}

  private context(ctes: SqlCompileContext["ctes"], errors: Problem[] = [], warnings: Problem[] = []): SqlCompileContext {
    return {
      dialect: this.dialect,
      layout: this.layout,
      params: this.params,
      ctes,
      references: this.resolved,
      errors,
      warnings,
      alias: () => `t${this.aliases++}`,
      cteName: (prefix) => `${prefix}_${++this.cteCount}`,
    };
  }

  private name(prefix: string): string {
    return `${prefix}_${++this.cteCount}`;
  }

  private push(cte: Omit<CompositionCte, "recursive"> & { recursive?: boolean }): string {
    this.ctes.push({ ...cte, recursive: cte.recursive ?? false });
    return cte.name;
  }

  /** `SELECT m.id FROM <members of type> AS m WHERE <test of m.id>`: an id set drawn from the entity table, so ids the tables do not hold never appear. */
  private select(type: AudienceType, test: (id: string) => string): string {
    const context = this.context([]);
    const scope = entityScope(context, type);
    return `SELECT ${scope.alias}.id AS id\nFROM ${entityFrom(context, type, scope.alias)}\nWHERE ${test(`${scope.alias}.id`)}`;
  }

  /** The outputs of a composition, compiling it (and what it references) first. */
  compositionOutputs(composition: Composition): CompositionOutputCte[] {
    const done = this.outputs.get(composition.id);
    if (done !== undefined) return done;
    const cycleStart = this.stack.findIndex((s) => s.kind === "composition" && s.id === composition.id);
    if (cycleStart >= 0) {
      const cycle = [...this.stack.slice(cycleStart).map((s) => s.id), composition.id].join(" → ");
      fail("COMPOSITION_CYCLE", `compositions reference each other in a cycle: ${cycle}`, ["members"]);
    }
    this.stack.push({ id: composition.id, kind: "composition" });
    try {
      const outputs = this.compose(composition);
      this.outputs.set(composition.id, outputs);
      for (const output of outputs) this.resolved.set(output.id, output);
      return outputs;
    } finally {
      this.stack.pop();
    }
  }

  /** The rank CTE (columns id, _value, _rank) and bound limit of a rank node compiled before. */
  rankOf(node: CompositionNode): { cte: string; limit: string } | undefined {
    return this.rankCtes.get(node);
  }

  private compose(composition: Composition): CompositionOutputCte[] {
    const { type, split } = composition;
    const members = this.node(composition.members, type, ["members"]);
    if (split === undefined) return [{ id: composition.id, name: composition.name, cte: members, type }];
    let assignment: string;
    let branches: { id: string; name?: string | undefined; index: number }[];
    const what = `composition ${composition.id}`;
    if (split.by === "percentage") {
      const hashName = this.name("hash");
      const state = this.params.add(fnv1a32State(`${split.salt}\u0000`), "number");
      const hash = splitHashSql(this.dialect, hashName, members, state);
      this.push({
        name: hashName,
        comment: `${what}: 32-bit FNV-1a of (salt, member id) for the percentage split`,
        body: hash.body,
        deps: [members],
        recursive: hash.recursive,
        ...(hash.recursive && this.dialect.name !== "bigquery" ? { columns: ["id", "hex", "pos", "h"] } : {}),
      });
      let cumulative = 0;
      const point = `(${this.dialect.toDouble("h")} / ${this.dialect.toDouble("4294967296")}) * ${this.dialect.toDouble("100")}`;
      // a member goes to the first branch whose cumulative share exceeds its point; the last branch takes the rest (rounding at the top)
      const cases = split.branches.slice(0, -1).map((branch, i) => {
        cumulative += branch.percent;
        return `WHEN ${point} < ${this.params.add(cumulative, "number")} THEN ${i + 1}`;
      });
      const branchOf = cases.length === 0 ? "1" : `CASE ${cases.join(" ")} ELSE ${split.branches.length} END`;
      const body = `SELECT id, ${branchOf} AS _branch\nFROM (\n${indent(hash.select)}\n) AS hashed`;
      assignment = this.push({ name: this.name("split"), comment: `${what}: branch of each member (percentage split)`, body, deps: [hashName] });
      branches = split.branches.map((b, i) => ({ id: b.id, name: b.name, index: i + 1 }));
    } else if (split.by === "attribute") {
      const context = this.context([]);
      const scope = entityScope(context, type);
      const { column, type: fieldType } = splitFieldColumn(scope, split.field, ["split", "field"], context);
      const cases = split.branches.map((branch, i) => `WHEN ${attributeBranchSql(fieldType, column, branch.values, context)} THEN ${i + 1}`);
      const body = `SELECT ${scope.alias}.id AS id, CASE ${cases.join(" ")} ELSE 0 END AS _branch\nFROM ${entityFrom(context, type, scope.alias)}\nWHERE ${scope.alias}.id IN (SELECT id FROM ${members})`;
      assignment = this.push({ name: this.name("split"), comment: `${what}: branch of each member (split by ${split.field})`, body, deps: [members] });
      branches = [...split.branches.map((b, i) => ({ id: b.id, name: b.name, index: i + 1 })), ...(split.otherwise ? [{ ...split.otherwise, index: 0 }] : [])];
    } else {
      const tiers = split.tiers.map((tier, i) => this.node(tier.members, type, ["split", "tiers", i, "members"]));
      const context = this.context([]);
      const scope = entityScope(context, type);
      const cases = tiers.map((tier, i) => `WHEN ${scope.alias}.id IN (SELECT id FROM ${tier}) THEN ${i + 1}`);
      const body = `SELECT ${scope.alias}.id AS id, CASE ${cases.join(" ")} ELSE 0 END AS _branch\nFROM ${entityFrom(context, type, scope.alias)}\nWHERE ${scope.alias}.id IN (SELECT id FROM ${members})`;
      assignment = this.push({
        name: this.name("split"),
        comment: `${what}: tier of each member (priority list, first tier wins)`,
        body,
        deps: [members, ...tiers],
      });
      branches = [...split.tiers.map((t, i) => ({ id: t.id, name: t.name, index: i + 1 })), ...(split.otherwise ? [{ ...split.otherwise, index: 0 }] : [])];
    }
    return branches.map((branch) => {
      const cte = this.push({
        name: this.name("branch"),
        comment: `${what}: output ${branch.id}`,
        body: `SELECT id FROM ${assignment} WHERE _branch = ${branch.index}`,
        deps: [assignment],
      });
      return { id: branch.id, name: branch.name ?? branch.id, cte, type };
    });
  }

  private checked(set: IdSet, label: string, type: AudienceType, path: ProblemPath): string {
    if (set.type !== type) fail("COMPOSITION_TYPE_MISMATCH", `${label} holds ${set.type}s, the composition ${type}s`, path);
    return set.cte;
  }

  /** A node of a composition tree as a CTE of member ids. */
  private node(node: CompositionNode, type: AudienceType, path: ProblemPath): string {
    const where = formatPathShort(path);
    switch (node.kind) {
      case "audience":
        return this.checked(this.reference(node.audienceId, [...path, "audienceId"], "node"), node.audienceId, type, path);
      case "definition":
        return this.checked(this.audience(validateAudience(node.audience), true), node.audience.id, type, path);
      case "union":
      case "intersect": {
        const inputs = node.inputs.map((n, i) => this.node(n, type, [...path, "inputs", i]));
        const joiner = node.kind === "union" ? " OR " : " AND ";
        const body = this.select(type, (id) => `(${inputs.map((c) => `${id} IN (SELECT id FROM ${c})`).join(joiner)})`);
        return this.push({ name: this.name(node.kind), comment: `${where}: ${node.kind} of ${inputs.length}`, body, deps: inputs });
      }
      case "exclude": {
        const from = this.node(node.from, type, [...path, "from"]);
        const excluded = node.exclude.map((n, i) => this.node(n, type, [...path, "exclude", i]));
        const body = this.select(type, (id) =>
          [`${id} IN (SELECT id FROM ${from})`, ...excluded.map((c) => `${id} NOT IN (SELECT id FROM ${c})`)].join("\n  AND "),
        );
        return this.push({ name: this.name("exclude"), comment: `${where}: exclude ${excluded.length} from`, body, deps: [from, ...excluded] });
      }
      case "rank":
        return this.rank(node, type, path);
    }
  }

  private rank(node: Extract<CompositionNode, { kind: "rank" }>, type: AudienceType, path: ProblemPath): string {
    const where = formatPathShort(path);
    const input = this.node(node.input, type, [...path, "input"]);
    const context = this.context([]);
    const scope = entityScope(context, type);
    const value = memberValueSql(node.by, type, scope, [...path, "by"], context);
    this.warnings.push(...context.warnings);
    const direction = node.order === "asc" ? "ASC" : "DESC";
    const scored = `SELECT ${scope.alias}.id AS id, ${value.replace(/\n/g, "\n  ")} AS _value\nFROM ${entityFrom(context, type, scope.alias)}\nWHERE ${scope.alias}.id IN (SELECT id FROM ${input})`;
    const body = `SELECT id, _value, ROW_NUMBER() OVER (ORDER BY CASE WHEN _value IS NULL THEN 1 ELSE 0 END, _value ${direction}, ${this.dialect.binaryText("id")}) AS _rank\nFROM (\n${indent(scored)}\n) AS scored`;
    const ranked = this.push({
      name: this.name("ranked"),
      comment: `${where}: rank by ${node.by.kind}${node.by.kind === "aggregate" ? ` ${node.by.fn} over ${node.by.relation}` : node.by.kind === "field" ? ` ${node.by.field}` : ""}, ${direction.toLowerCase()}, missing last, ties by id`,
      body,
      deps: [input],
    });
    const limit = this.params.add(node.limit, "number");
    this.rankCtes.set(node, { cte: ranked, limit });
    return this.push({
      name: this.name("rank"),
      comment: `${where}: the top ${node.limit}`,
      body: `SELECT id FROM ${ranked} WHERE _rank <= ${limit}`,
      deps: [ranked],
    });
  }

  /** The id set of a referenced audience, composition output or given result. */
  private reference(id: string, path: ProblemPath, from: "node" | "inAudience", referencedBy?: string): IdSet {
    const known = this.resolved.get(id);
    if (known !== undefined) return known;
    const result = this.results.get(id);
    if (result !== undefined) {
      const ids = result.memberIds.map((m) => this.params.add(m, "text"));
      const body = this.select(result.type, (x) => (ids.length === 0 ? "FALSE" : `${x} IN (${ids.join(", ")})`));
      const set = { cte: this.push({ name: this.name("result"), comment: `given result ${id} (${result.type})`, body, deps: [] }), type: result.type };
      this.resolved.set(id, set);
      return set;
    }
    const producer = this.producers.get(id);
    if (producer !== undefined) {
      this.compositionOutputs(producer);
      return this.resolved.get(id)!;
    }
    const definition = this.definitions.get(id);
    if (definition !== undefined) return this.audience(definition, false);
    if (from === "inAudience") {
      throw new AbmKitError<AudienceSqlErrorCode>(
        "UNKNOWN_AUDIENCE_REFERENCE",
        `audience ${JSON.stringify(id)}${referencedBy ? ` (referenced by ${JSON.stringify(referencedBy)})` : ""} was not given`,
        [{ path: [], message: `unknown audience ${id}`, code: "unknown_reference" }],
      );
    }
    return fail("UNKNOWN_AUDIENCE", `no audience, composition or result has id ${id}`, path);
  }

  /** An audience definition as a CTE (its references first); `inline` ones are not registered by id. */
  private audience(definition: Audience, inline: boolean): IdSet {
    const cycleStart = this.stack.findIndex((s) => s.kind === "audience" && s.id === definition.id);
    if (cycleStart >= 0) {
      const cycle = [...this.stack.slice(cycleStart).map((s) => s.id), definition.id].join(" → ");
      throw new AbmKitError<AudienceSqlErrorCode>("AUDIENCE_REFERENCE_CYCLE", `audience references form a cycle: ${cycle}`, [
        { path: [], message: cycle, code: "cycle" },
      ]);
    }
    this.stack.push({ id: definition.id, kind: "audience" });
    try {
      const refs = referencedAudienceIds(definition).map((ref) => this.reference(ref, [], "inAudience", definition.id).cte);
      const local: SqlCompileContext["ctes"] = [];
      const context = this.context(local);
      const scope = entityScope(context, definition.type);
      const condition = conditionSql(definition.condition, scope, ["condition"], context);
      if (context.errors.length > 0) throw sqlCompileFailed(definition.id, context.errors);
      for (const w of context.warnings) this.warnings.push({ ...w, message: `in ${inline ? "inline audience" : "audience"} ${definition.id}: ${w.message}` });
      for (const cte of local) this.push({ ...cte, deps: local.map((c) => c.name).filter((n) => n !== cte.name) });
      const body = `SELECT ${scope.alias}.id AS id\nFROM ${entityFrom(context, definition.type, scope.alias)}\nWHERE\n${indent(condition)}`;
      const comment = `${inline ? "inline audience" : "audience"} ${definition.id}: ${definition.name} (${definition.type}, version ${definition.version})`;
      const set = {
        cte: this.push({ name: this.name(inline ? "inline" : "audience"), comment, body, deps: [...refs, ...local.map((c) => c.name)] }),
        type: definition.type,
      };
      if (!inline) this.resolved.set(definition.id, set);
      return set;
    } finally {
      this.stack.pop();
    }
  }

  /**
   * The select of an enrich query over an output's members: `id` and one
   * column per attribute (named by it) in JSON form, ordered by id.
   */
  enrichSelect(attributes: readonly EnrichAttribute[], output: CompositionOutputCte): string {
    const context = this.context([]);
    const scope = entityScope(context, output.type);
    const values = attributes.map(
      (a, i) =>
        `${memberValueSql(a.value, output.type, scope, ["enrich", i, "value"], context, "json").replace(/\n/g, "\n  ")} AS ${this.dialect.quote(a.name)}`,
    );
    this.warnings.push(...context.warnings);
    return `SELECT ${[`${scope.alias}.id AS id`, ...values].join(",\n  ")}\nFROM ${entityFrom(context, output.type, scope.alias)}\nWHERE ${scope.alias}.id IN (SELECT id FROM ${output.cte})\nORDER BY ${this.dialect.binaryText(`${scope.alias}.id`)}`;
  }

  /** The CTEs `roots` need, in dependency order, and whether one of them is recursive. */
  closure(roots: readonly string[]): { ctes: CompositionCte[]; recursive: boolean } {
    const byName = new Map(this.ctes.map((c) => [c.name, c]));
    const needed = new Set<string>();
    const visit = (name: string): void => {
      if (needed.has(name)) return;
      needed.add(name);
      for (const dep of byName.get(name)?.deps ?? []) visit(dep);
    };
    roots.forEach(visit);
    const ctes = this.ctes.filter((c) => needed.has(c.name));
    return { ctes, recursive: ctes.some((c) => c.recursive) };
  }

  /** A WITH clause of these CTEs, each preceded by its comment. */
  withClause(ctes: readonly CompositionCte[], recursive: boolean): string {
    if (ctes.length === 0) return "";
    return `WITH${recursive ? " RECURSIVE" : ""}\n${ctes.map((c) => `${sqlComment(c.comment)}\n${c.name}${c.columns ? ` (${c.columns.join(", ")})` : ""} AS (\n${indent(c.body)}\n)`).join(",\n")}\n`;
  }
}
