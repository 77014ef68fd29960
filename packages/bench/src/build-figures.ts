import { DuckDBInstance } from "@duckdb/node-api";
import type { Figure } from "./audience-figures.js";
import { buildBenchSnapshot } from "./build-snapshot.js";
import { loadWithIdentityIntoDuckDB } from "./duckdb-identity.js";
import { buildSnapshotWithIdentity } from "./identity-build.js";
import type { SyntheticDataset } from "./dataset.js";
import { loadIntoDuckDB } from "./duckdb-tables.js";
import { collectGarbage as gc, medianMs } from "./measure.js";
import { BASELINE_DERIVED_COLUMNS } from "./seed-sql.js";

/** What the Snapshot of a data set holds in memory (heap + array buffers, after collection). */
export interface SnapshotMemory {
  readonly heapMB: number;
  readonly arrayBuffersMB: number;
  readonly totalMB: number;
}

/** Builds the Snapshot once and measures what it keeps resident. */
export function measureSnapshotMemory(data: SyntheticDataset): SnapshotMemory {
  gc();
  const before = process.memoryUsage();
  const snapshot = buildBenchSnapshot(data);
  gc();
  const after = process.memoryUsage();
  const heapMB = (after.heapUsed - before.heapUsed) / 1e6;
  const arrayBuffersMB = (after.arrayBuffers - before.arrayBuffers) / 1e6;
  if (snapshot.accounts.size !== data.accountCount) throw new Error("the snapshot lost accounts");
  return { heapMB, arrayBuffersMB, totalMB: heapMB + arrayBuffersMB };
}

/**
 * The Snapshot build (records streamed from the generator, validated, indexed)
 * against DuckDB loading the same records (columnar appends) and computing the
 * same derived keys.
 */
export async function measureBuild(data: SyntheticDataset, options: { runs: number; label: string }): Promise<Figure> {
  const ours_ms = await medianMs(options.runs, () => buildBenchSnapshot(data), 0);
  const baseline_ms = await medianMs(
    options.runs,
    async () => {
      const db = await DuckDBInstance.create(":memory:");
      const connection = await db.connect();
      await loadIntoDuckDB(connection, data);
      for (const sql of BASELINE_DERIVED_COLUMNS) await connection.run(sql);
      connection.closeSync();
      db.closeSync();
    },
    0,
  );
  return { name: `${options.label} build: snapshot vs DuckDB load`, ours_ms, baseline_ms, ratio: ours_ms / baseline_ms };
}

/**
 * From the exporting systems' records: the identity graph (Salesforce contacts
 * and Marketo leads merged, links by rule) and the Snapshot build, against
 * DuckDB loading the same records and resolving identities with SQL joins.
 */
export async function measureBuildWithIdentity(data: SyntheticDataset, options: { runs: number; label: string }): Promise<Figure> {
  await checkIdentityAgrees(data);
  const ours_ms = await medianMs(options.runs, () => buildSnapshotWithIdentity(data), 0);
  const baseline_ms = await medianMs(
    options.runs,
    async () => {
      const db = await DuckDBInstance.create(":memory:");
      const connection = await db.connect();
      await loadWithIdentityIntoDuckDB(connection, data);
      connection.closeSync();
      db.closeSync();
    },
    0,
  );
  return { name: `${options.label} build with identity resolution: snapshot vs DuckDB load + SQL joins`, ours_ms, baseline_ms, ratio: ours_ms / baseline_ms };
}

/** Both engines must unify to the same persons, links and events before either is timed. */
async function checkIdentityAgrees(data: SyntheticDataset): Promise<void> {
  const snapshot = buildSnapshotWithIdentity(data);
  const db = await DuckDBInstance.create(":memory:");
  const connection = await db.connect();
  await loadWithIdentityIntoDuckDB(connection, data);
  const count = async (sql: string) => Number((await connection.runAndReadAll(sql)).getRows()[0]![0]);
  const personIds = (await connection.runAndReadAll("SELECT id FROM persons ORDER BY id")).getRows().map((r) => String(r[0]));
  const problems: string[] = [];
  if (personIds.length !== snapshot.persons.size || personIds.some((id, i) => id !== snapshot.persons.ids![i])) problems.push("unified persons differ");
  if ((await count("SELECT count(*) FROM links")) !== snapshot.links.size) problems.push("links differ");
  if ((await count("SELECT count(*) FROM person_events")) !== snapshot.personEvents.size) problems.push("person events differ");
  connection.closeSync();
  db.closeSync();
  if (problems.length > 0) throw new Error(`identity resolution differs between the engines: ${problems.join(", ")}`);
}
