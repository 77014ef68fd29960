import { evaluate, type Audience } from "@abm-kit/audience";
import type { Snapshot } from "@abm-kit/core";
import type { DuckDBConnection } from "@duckdb/node-api";
import { medianMs } from "./measure.js";
import { seedBaselineQueries } from "./seed-sql.js";

/** One measured comparison. */
export interface Figure {
  readonly name: string;
  readonly ours_ms: number;
  readonly baseline_ms: number;
  readonly ratio: number;
  readonly note?: string;
}

/** Thrown when the two engines disagree on an audience's members: a fast wrong answer fails the run. */
export class MembersDiffer extends Error {}

async function baselineIds(connection: DuckDBConnection, sql: string, params: readonly (string | number)[]): Promise<string[]> {
  const reader = await connection.runAndReadAll(sql, [...params]);
  return reader.getRows().map((row) => String(row[0]));
}

function firstDifference(a: readonly string[], b: readonly string[]): string {
  const setB = new Set(b);
  const setA = new Set(a);
  const onlyA = a.filter((x) => !setB.has(x)).slice(0, 3);
  const onlyB = b.filter((x) => !setA.has(x)).slice(0, 3);
  return `ours ${a.length}, baseline ${b.length}; only ours: ${onlyA.join(", ") || "-"}; only baseline: ${onlyB.join(", ") || "-"}`;
}

/**
 * Evaluates every seed audience with abm-kit and with its hand-written DuckDB
 * query, checks the members are equal, and returns the median times.
 */
export async function measureSeedAudiences(
  audiences: readonly Audience[],
  snapshot: Snapshot,
  connection: DuckDBConnection,
  options: { now: string; runs: number; label: string },
): Promise<Figure[]> {
  const queries = seedBaselineQueries(options.now);
  const figures: Figure[] = [];
  for (const audience of audiences) {
    const query = queries[audience.id];
    if (query === undefined) throw new Error(`no baseline query for seed audience ${audience.id}`);
    const ours = evaluate(audience, snapshot, { now: options.now }).memberIds;
    const theirs = await baselineIds(connection, query.sql, query.params);
    if (ours.length !== theirs.length || ours.some((id, i) => id !== theirs[i])) {
      throw new MembersDiffer(`${audience.id}: members differ (${firstDifference(ours, theirs)})`);
    }
    const ours_ms = await medianMs(options.runs, () => evaluate(audience, snapshot, { now: options.now }));
    const baseline_ms = await medianMs(options.runs, () => connection.runAndReadAll(query.sql, [...query.params]));
    figures.push({ name: `${options.label} audience ${audience.id} (${ours.length} members)`, ours_ms, baseline_ms, ratio: ours_ms / baseline_ms });
  }
  return figures;
}
