import { compileAudienceSql, writeSnapshotToDuckDB } from "@abm-kit/audience-sql";
import { evaluate, type Audience } from "@abm-kit/audience";
import type { Snapshot } from "@abm-kit/core";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { MembersDiffer, type Figure } from "./audience-figures.js";
import { medianMs } from "./measure.js";
import { seedBaselineQueries } from "./seed-sql.js";

const idsOf = async (connection: DuckDBConnection, sql: string, params: readonly unknown[]) =>
  (await connection.runAndReadAll(sql, params as never)).getRows().map((row) => String(row[0]));

/**
 * Each seed audience compiled by `@abm-kit/audience-sql` and run on DuckDB
 * (over the Snapshot's tables in the documented layout) against the
 * hand-written DuckDB query (over the baseline's tables). Both must return the
 * in-memory engine's members.
 */
export async function measureCompiledSql(
  audiences: readonly Audience[],
  snapshot: Snapshot,
  baseline: DuckDBConnection,
  options: { now: string; runs: number; label: string },
): Promise<Figure[]> {
  const instance = await DuckDBInstance.create(":memory:");
  const compiled = await instance.connect();
  await writeSnapshotToDuckDB(compiled, snapshot);
  const handWritten = seedBaselineQueries(options.now);
  const figures: Figure[] = [];
  for (const audience of audiences) {
    const query = compileAudienceSql(audience, { dialect: "duckdb", now: options.now, snapshot });
    const expected = evaluate(audience, snapshot, { now: options.now }).memberIds;
    const got = await idsOf(compiled, query.sql, query.params);
    if (got.length !== expected.length || got.some((id, i) => id !== expected[i])) {
      throw new MembersDiffer(`${audience.id}: compiled SQL returns ${got.length} members, the engine ${expected.length}`);
    }
    const reference = handWritten[audience.id]!;
    const ours_ms = await medianMs(options.runs, () => compiled.runAndReadAll(query.sql, query.params as never));
    const baseline_ms = await medianMs(options.runs, () => baseline.runAndReadAll(reference.sql, [...reference.params]));
    figures.push({ name: `${options.label} compiled SQL on DuckDB vs hand-written: ${audience.id}`, ours_ms, baseline_ms, ratio: ours_ms / baseline_ms });
  }
  compiled.closeSync();
  instance.closeSync();
  return figures;
}
