import { runJsonChild } from "../json-child.js";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SyntheticDataset } from "../dataset.js";
import type { FilesRun } from "./files-child.js";
import { writeExportFiles } from "./write-exports.js";

/** The files figure at one scale: both engines from the same export files, each in its own process. */
export interface FilesFigure {
  readonly scale: number;
  /** Bytes of each export file. */
  readonly files: Readonly<Record<string, number>>;
  readonly ours: { readonly ms: number; readonly cpuMs: number; readonly peakRssMB: number; readonly snapshotMB: number; readonly runs: readonly number[] };
  readonly duckdb: { readonly ms: number; readonly cpuMs: number; readonly peakRssMB: number; readonly runs: readonly number[] };
  readonly ratio: number;
  readonly rows: Readonly<Record<string, number>>;
  /** The 1-minute load average before and after the runs (the machine is shared). */
  readonly load: readonly [number, number];
}

const CHILD = fileURLToPath(new URL("./files-child.ts", import.meta.url));
const FORMAT = "1";

/** Writes the export files of a scale once (kept in the temp folder between runs); returns the folder and the sizes. */
export function exportFolder(scale: number): { folder: string; files: Record<string, number> } {
  const folder = join(tmpdir(), "abm-kit-bench-files", `x${scale}`);
  const marker = join(folder, "sizes.json");
  if (existsSync(marker)) {
    const saved = JSON.parse(readFileSync(marker, "utf8")) as { format: string; files: Record<string, number> };
    if (saved.format === FORMAT) return { folder, files: saved.files };
  }
  rmSync(folder, { recursive: true, force: true });
  const files = writeExportFiles(new SyntheticDataset(scale), folder);
  writeFileSync(marker, JSON.stringify({ format: FORMAT, files }));
  return { folder, files };
}

/**
 * V8 flags of our child beyond the heap cap: a 64 MB semi-space (young generation), as docs/ingest-performance.md
 * recommends for large loads (at scale 1 it cut the scavenges' pauses from 166 s to 47 s).
 */
export const OURS_NODE_OPTIONS = ["--max-semi-space-size=64"] as const;

/** Runs one engine in a child process and returns what it reported. */
export function runChild(engine: "ours" | "duckdb", folder: string, nodeOptions: readonly string[] = []): Promise<FilesRun> {
  const engineOptions = engine === "ours" ? OURS_NODE_OPTIONS : [];
  return runJsonChild<FilesRun>(`${engine} run`, ["--expose-gc", "--max-old-space-size=16000", ...engineOptions, ...nodeOptions], CHILD, [engine, folder]);
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const MB = (bytes: number) => bytes / 1e6;

const CHECKED = ["personsHash", "persons", "links", "personEvents", "accountEvents"] as const;

/** Throws unless both engines built the same persons, links and events. */
function checkAgree(ours: FilesRun, duckdb: FilesRun): void {
  const differ = CHECKED.filter((k) => ours[k] !== duckdb[k]);
  if (differ.length > 0) {
    throw new Error(`the engines built different data from the files: ${differ.map((k) => `${k} ours ${ours[k]} DuckDB ${duckdb[k]}`).join(", ")}`);
  }
}

/**
 * Files → identity → Snapshot against DuckDB's `read_csv` + SQL joins, on the
 * same export files, `runs` times each, alternating engines (once at scale 1
 * and above: a run there takes minutes). Every run's result is checked:
 * persons, links, person and account events must be equal, or the figure
 * fails. Times and peak RSS are medians.
 */
export async function measureFiles(scale: number, runs: number, log: (line: string) => void = () => {}): Promise<FilesFigure> {
  const { folder, files } = exportFolder(scale);
  const loadBefore = loadavg()[0]!;
  const count = scale >= 1 ? 1 : runs;
  log(`files: ${(Object.values(files).reduce((a, b) => a + b, 0) / 1e6).toFixed(0)} MB of exports in ${folder}; ${count} run(s) per engine`);
  const ours: FilesRun[] = [];
  const duckdb: FilesRun[] = [];
  for (let i = 0; i < count; i++) {
    ours.push(await runChild("ours", folder));
    duckdb.push(await runChild("duckdb", folder));
    checkAgree(ours.at(-1)!, duckdb.at(-1)!);
    log(
      `files run ${i + 1}/${count} (load ${loadavg()[0]!.toFixed(2)}): ours ${ours.at(-1)!.ms.toFixed(0)} ms (CPU ${ours.at(-1)!.cpuMs.toFixed(0)} ms), ${MB(ours.at(-1)!.peakRssBytes).toFixed(0)} MB peak; DuckDB ${duckdb.at(-1)!.ms.toFixed(0)} ms (CPU ${duckdb.at(-1)!.cpuMs.toFixed(0)} ms), ${MB(duckdb.at(-1)!.peakRssBytes).toFixed(0)} MB peak; both agree`,
    );
  }
  const oursMs = median(ours.map((r) => r.ms));
  const duckMs = median(duckdb.map((r) => r.ms));
  return {
    scale,
    files,
    ours: {
      ms: oursMs,
      cpuMs: median(ours.map((r) => r.cpuMs)),
      peakRssMB: MB(median(ours.map((r) => r.peakRssBytes))),
      snapshotMB: MB(median(ours.map((r) => r.snapshotBytes!))),
      runs: ours.map((r) => r.ms),
    },
    duckdb: { ms: duckMs, cpuMs: median(duckdb.map((r) => r.cpuMs)), peakRssMB: MB(median(duckdb.map((r) => r.peakRssBytes))), runs: duckdb.map((r) => r.ms) },
    ratio: oursMs / duckMs,
    rows: ours[0]!.rows ?? {},
    load: [loadBefore, loadavg()[0]!],
  };
}
