import type { Adjacency, Column, ProblemPath } from "@abm-kit/core";
import type { RelatedCondition } from "../../definition/condition.js";
import { Bitset } from "../bitset.js";
import { comparatorTest } from "../comparator-test.js";
import { reportUnknownField, type CompileContext, type Scope } from "../compile-context.js";
import type { PlanNode, RunState } from "../plan-node.js";
import { transposed, type ResolvedRelation } from "../relations.js";
import { columnOf } from "../synthetic-columns.js";
import { EVIDENCE_LIMIT, fieldsReadBy, rowFacts } from "./row-facts.js";

/**
 * A condition on related rows: the `where` child is computed once over every
 * target row, then each source row scans its adjacency (CSR) counting matches.
 */
export function relatedNode(
  condition: RelatedCondition,
  scope: Scope,
  path: ProblemPath,
  relation: ResolvedRelation,
  where: PlanNode | undefined,
  context: CompileContext,
): PlanNode {
  const { offsets, targets } = relation.adjacency;
  const targetTable = relation.target.table;
  const aggregate = condition.aggregate;
  let aggregateColumn: Column | undefined;
  if (aggregate) {
    aggregateColumn = columnOf(targetTable, aggregate.field);
    if (aggregateColumn === undefined) reportUnknownField(context, relation.target.label, aggregate.field, [...path, "aggregate"]);
    else if (aggregate.fn !== "countDistinct" && aggregateColumn.type !== "number" && aggregateColumn.type !== "instant" && aggregateColumn.type !== "date") {
      context.errors.push({
        path: [...path, "aggregate", "field"],
        message: `${aggregate.fn} needs a number, instant or date field; ${relation.target.label}.${aggregate.field} is ${aggregateColumn.type}`,
        code: "type_mismatch",
      });
    }
  }
  const matchesOf = (state: RunState) => (where ? state.bits(where) : Bitset.full(targetTable.size));

  const compute = (state: RunState): Bitset => {
    const matchSet = matchesOf(state);
    const matches = matchSet.words;
    const size = scope.table.size;
    const out = new Bitset(size);
    if (aggregate) {
      const value = aggregateFunction(aggregate.fn, aggregateColumn, offsets, targets, matches);
      const pass = comparatorTest(aggregate.comparator);
      for (let row = 0; row < size; row++) if (pass(value(row))) out.add(row);
      return out;
    }
    const quantifier = condition.quantifier ?? "some";
    const sparseLimit = targetTable.size >>> 3;
    if ((quantifier === "some" || quantifier === "none") && matchSet.count(sparseLimit) <= sparseLimit) {
      // at most one related row in eight matches: mark the sources of each match instead of scanning every source
      const some = sourcesOf(matchSet.rows(), transposed(relation.adjacency, targetTable.size), size);
      return quantifier === "some" ? some : some.not();
    }
    const countPasses = condition.comparator ? comparatorTest(condition.comparator) : () => false;
    for (let row = 0; row < size; row++) {
      const start = offsets[row]!;
      const end = offsets[row + 1]!;
      let matched = 0;
      for (let k = start; k < end; k++) {
        const t = targets[k]!;
        if ((matches[t >>> 5]! & (1 << (t & 31))) !== 0) {
          matched++;
          if (quantifier === "some" || quantifier === "none") break;
        }
      }
      const total = end - start;
      let holds: boolean;
      switch (quantifier) {
        case "some":
          holds = matched > 0;
          break;
        case "none":
          holds = matched === 0;
          break;
        case "all":
          holds = matched === total;
          break;
        case "allAndAtLeastOne":
          holds = total > 0 && matched === total;
          break;
        case "count":
          holds = countPasses(matched);
          break;
      }
      if (holds) out.add(row);
    }
    return out;
  };

  const fields = fieldsReadBy(where?.condition);
  if (aggregate) fields.add(aggregate.field);
  return {
    condition,
    path,
    scope,
    children: where ? [where] : [],
    compute,
    explain: (state, row, held) => {
      const matches = matchesOf(state);
      const related = Array.from(targets.subarray(offsets[row]!, offsets[row + 1]!));
      const matched = related.filter((t) => matches.has(t));
      const unmatched = related.filter((t) => !matches.has(t));
      const facts = (rows: number[]) => rows.slice(0, EVIDENCE_LIMIT).map((t) => rowFacts(targetTable, t, fields));
      const what = aggregate ? `${aggregate.fn}(${aggregate.field})` : (condition.quantifier ?? "some");
      const evidence: Record<string, unknown> = {
        relation: condition.relation,
        related: related.length,
        matched: matched.length,
        matchedRows: facts(matched),
        unmatchedRows: facts(unmatched),
      };
      if (aggregate) {
        evidence.aggregate = aggregateFunction(aggregate.fn, aggregateColumn, offsets, targets, matches.words)(row);
      }
      // the deciding related row: a match when one decides, else a non-match
      const decidingRow = matched[0] ?? unmatched[0];
      const descendRow = condition.quantifier === "all" || condition.quantifier === "allAndAtLeastOne" ? (unmatched[0] ?? matched[0]) : decidingRow;
      return {
        summary: `${what} of ${related.length} ${condition.relation} (${matched.length} matching) → ${held ? "held" : "failed"}`,
        evidence,
        descend: where && descendRow !== undefined ? [{ node: where, row: descendRow, label: targetTable.id(descendRow) }] : [],
      };
    },
  };
}

/** The source rows (of `size`) with at least one of `targets`, read through the transposed adjacency. */
function sourcesOf(targets: Int32Array, back: Adjacency, size: number): Bitset {
  const out = new Bitset(size);
  const words = out.words;
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i]!;
    for (let k = back.offsets[t]!; k < back.offsets[t + 1]!; k++) {
      const source = back.targets[k]!;
      words[source >>> 5]! |= 1 << (source & 31);
    }
  }
  return out;
}

/** Per source row, an aggregate of a column over its matching targets (NaN = missing). */
function aggregateFunction(
  fn: NonNullable<RelatedCondition["aggregate"]>["fn"],
  column: Column | undefined,
  offsets: Int32Array,
  targets: Int32Array,
  matches: Uint32Array,
): (row: number) => number {
  const isMatch = (t: number) => (matches[t >>> 5]! & (1 << (t & 31))) !== 0;
  if (column === undefined) return () => (fn === "sum" || fn === "countDistinct" ? 0 : Number.NaN);
  if (fn === "countDistinct") return countDistinctFunction(column, offsets, targets, isMatch);
  const values = (column as { values: Float64Array }).values;
  return (row) => {
    let n = 0;
    let sum = 0;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let k = offsets[row]!; k < offsets[row + 1]!; k++) {
      const t = targets[k]!;
      if (!isMatch(t)) continue;
      const v = values[t]!;
      if (v !== v) continue; // missing values are skipped
      n++;
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    switch (fn) {
      case "sum":
        return sum;
      case "avg":
        return n === 0 ? Number.NaN : sum / n;
      case "min":
        return n === 0 ? Number.NaN : min;
      default:
        return n === 0 ? Number.NaN : max;
    }
  };
}

function countDistinctFunction(column: Column, offsets: Int32Array, targets: Int32Array, isMatch: (t: number) => boolean): (row: number) => number {
  if (column.type === "string" || column.type === "multi") {
    const stamp = new Int32Array(column.dictionary.size).fill(-1);
    return (row) => {
      let n = 0;
      for (let k = offsets[row]!; k < offsets[row + 1]!; k++) {
        const t = targets[k]!;
        if (!isMatch(t)) continue;
        if (column.type === "string") {
          const code = column.codes[t]!;
          if (code >= 0 && stamp[code] !== row) {
            stamp[code] = row;
            n++;
          }
          continue;
        }
        for (let j = column.offsets[t]!; j < column.offsets[t + 1]!; j++) {
          const code = column.codes[j]!;
          if (stamp[code] === row) continue;
          stamp[code] = row;
          n++;
        }
      }
      return n;
    };
  }
  const seen = new Set<number>();
  return (row) => {
    seen.clear();
    for (let k = offsets[row]!; k < offsets[row + 1]!; k++) {
      const t = targets[k]!;
      if (!isMatch(t) || column.isMissing(t)) continue;
      seen.add(column.values[t]!);
    }
    return seen.size;
  };
}
