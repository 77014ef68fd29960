import { runJsonChild } from "../json-child.js";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { exportFolder } from "../files/files-figure.js";
import { duckDBSettingsArgs, type DuckDBSettings } from "./duckdb-settings.js";
import { glibcMallocEnv } from "./glibc-malloc-env.js";
import type { WarehouseRun } from "./warehouse-child.js";

/** The warehouse figure at one scale: export files → DuckDB file → seed audiences → one activation, in a child process. */
export interface WarehouseFigure extends WarehouseRun {
  readonly scale: number;
  /** DuckDB's `memory_limit`, when one was set. */
  readonly memoryLimit?: string;
  /** Bytes of the export files read. */
  readonly exportBytes: number;
}

const CHILD = fileURLToPath(new URL("./warehouse-child.ts", import.meta.url));

/**
 * Runs the warehouse child on the export files of `scale` (written once, shared with the files figure); its database and exports go to the temp folder.
 * `duckdb` sets DuckDB's threads and temp directory in the child (memory_limit is `memoryLimit`); `heapMB` caps the
 * child's V8 heap (`--max-old-space-size`: V8 then collects garbage before its heap grows past it).
 * The child runs with {@link glibcMallocEnv}.
 */
export async function measureWarehouse(
  scale: number,
  memoryLimit: string | undefined,
  log: (line: string) => void = () => {},
  duckdb: Omit<DuckDBSettings, "memoryLimit"> = {},
  heapMB?: number,
  /** DuckDB's memory_limit and threads for the activation (set after the load and the audiences); default: the load's. */
  activation: Pick<DuckDBSettings, "memoryLimit" | "threads"> = {},
): Promise<WarehouseFigure> {
  const { folder, files } = exportFolder(scale);
  const work = join(tmpdir(), "abm-kit-bench-warehouse", `x${scale}`);
  const exportBytes = Object.values(files).reduce((a, b) => a + b, 0);
  log(
    `warehouse: ${(exportBytes / 1e6).toFixed(0)} MB of exports in ${folder}; DuckDB file and activation in ${work}; DuckDB memory_limit ${memoryLimit ?? "default"}`,
  );
  const args = [
    folder,
    work,
    ...(memoryLimit === undefined ? [] : [memoryLimit]),
    ...duckDBSettingsArgs(duckdb),
    ...(activation.memoryLimit === undefined ? [] : ["--activation-memory-limit", activation.memoryLimit]),
    ...(activation.threads === undefined ? [] : ["--activation-threads", String(activation.threads)]),
  ];
  const heap = heapMB === undefined ? [] : [`--max-old-space-size=${heapMB}`];
  const malloc = glibcMallocEnv();
  log(
    `glibc malloc in the child: ${Object.entries(malloc)
      .map(([k, v]) => `${k}=${v}`)
      .join(" ")} (docs/warehouse.md, "Memory on DuckDB")`,
  );
  const run = await runJsonChild<WarehouseRun>("warehouse run", heap, CHILD, args, malloc);
  return { scale, exportBytes, ...run, ...(memoryLimit === undefined ? {} : { memoryLimit }) };
}

const MB = (bytes: number) => (bytes / 1e6).toFixed(0);
const s = (ms: number) => (ms / 1000).toFixed(1);

/** The figure as printed lines: one per phase, the audience counts, the activation and the database size. */
export function formatWarehouseFigure(figure: WarehouseFigure): string {
  const phases: [string, WarehouseRun["load"]][] = [
    ["load (loadExportsIntoWarehouse)", figure.load],
    ["13 seed audiences (compile + run)", figure.audiences],
    [`activate ${figure.activated.audienceId}`, figure.activation],
  ];
  const width = Math.max(...phases.map(([name]) => name.length));
  const lines = [`${"phase".padEnd(width)}  wall s  CPU s  peak RSS MB`];
  for (const [name, cost] of phases)
    lines.push(`${name.padEnd(width)}  ${s(cost.ms).padStart(6)}  ${s(cost.cpuMs).padStart(5)}  ${MB(cost.peakRssBytes).padStart(11)}`);
  lines.push(`clustering: ${figure.rounds.persons} rounds for persons, ${figure.rounds.accounts} for accounts`);
  lines.push(
    `rows: ${Object.entries(figure.tables)
      .map(([t, n]) => `${t} ${n}`)
      .join(", ")}`,
  );
  lines.push(`audiences: ${figure.counts.map((c) => `${c.id} ${c.members}`).join(", ")}`);
  const a = figure.activated;
  lines.push(
    `activation: ${a.status}, realized ${a.realized}, exported ${a.exported}, ${(a.fileBytes / 1e6).toFixed(1)} MB of files, state ${(a.stateBytes / 1e6).toFixed(1)} MB`,
  );
  lines.push(`DuckDB file: ${MB(figure.databaseBytes)} MB; exports read: ${MB(figure.exportBytes)} MB`);
  return lines.join("\n");
}
