import { cpus, totalmem, type } from "node:os";
import type { Figure } from "./audience-figures.js";
import type { SnapshotMemory } from "./build-figures.js";
import type { StreamingFigure } from "./streaming-figures.js";

/** Everything one benchmark run measured. */
export interface BenchResult {
  readonly date: string;
  readonly scales: readonly {
    readonly scale: number;
    readonly rows: Readonly<Record<string, number>>;
    readonly memory: SnapshotMemory;
    readonly figures: readonly Figure[];
    readonly streaming: StreamingFigure;
  }[];
  readonly runs: number;
  readonly duckdbVersion: string;
}

const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

/** The figures as a plain-text table. */
export function formatTable(figures: readonly Figure[]): string {
  const width = Math.max(20, ...figures.map((f) => f.name.length));
  const lines = [`${"figure".padEnd(width)}  ${"ours ms".padStart(10)}  ${"DuckDB ms".padStart(10)}  ${"ratio".padStart(6)}`];
  for (const f of figures) lines.push(`${f.name.padEnd(width)}  ${ms(f.ours_ms).padStart(10)}  ${ms(f.baseline_ms).padStart(10)}  ${f.ratio.toFixed(2).padStart(6)}`);
  return lines.join("\n");
}

/** The Markdown report written to docs/benchmarks.md. */
export function formatMarkdown(result: BenchResult): string {
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  const out: string[] = [
    "# Benchmarks: abm-kit against DuckDB",
    "",
    "Written by `pnpm bench` (packages/bench). Both engines run in one Node.js process on the same",
    "deterministic synthetic data set (seed 42): scale 1 is 100,000 accounts, 1,000,000 persons,",
    "10,000,000 person events, 200,000 opportunities and 550,000 related rows (owned products, intent,",
    "technographics). Times are medians; ratio = ours / DuckDB (below 1 means abm-kit is faster).",
    "Every audience's members are checked equal between the engines before it is timed.",
    "",
    `- Date: ${result.date}`,
    `- Machine: ${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${type()}`,
    `- Node.js ${process.version}, DuckDB ${result.duckdbVersion} (@duckdb/node-api)`,
    `- Runs per figure: ${result.runs} (median), after one untimed warm-up for audiences`,
    "",
    "Reproduce: `npx -y pnpm@10.34.8 bench` (all scales, rewrites this file), or",
    "`npx -y pnpm@10.34.8 bench --scale 0.1 --json out.json` for one scale.",
    "",
  ];
  out.push("## Targets", "", ...targetLines(result), "");
  for (const s of result.scales) {
    out.push(`## Scale ${s.scale}`, "");
    out.push(`Rows: ${Object.entries(s.rows).map(([k, v]) => `${k} ${v.toLocaleString("en-US")}`).join(", ")}.`, "");
    out.push(`Snapshot resident memory: ${s.memory.totalMB.toFixed(0)} MB (${s.memory.heapMB.toFixed(0)} MB heap + ${s.memory.arrayBuffersMB.toFixed(0)} MB typed arrays).`, "");
    out.push("| figure | ours (ms) | DuckDB (ms) | ratio |", "|---|---:|---:|---:|");
    for (const f of s.figures) out.push(`| ${f.name} | ${ms(f.ours_ms)} | ${ms(f.baseline_ms)} | ${f.ratio.toFixed(2)} |`);
    out.push("");
    const st = s.streaming;
    out.push(
      `Streaming (${st.changes.toLocaleString("en-US")} new events into an evaluator seeded from this Snapshot with the ${st.audiences.length} seed audiences that stream: ${st.audiences.join(", ")}):`,
      `p50 ${st.p50Ms.toFixed(3)} ms, p99 ${st.p99Ms.toFixed(3)} ms, max ${st.maxMs.toFixed(1)} ms per event; ${Math.round(st.changesPerSecond).toLocaleString("en-US")} events/s; ${st.meanReevaluated.toFixed(1)} members re-evaluated per event; seeding took ${ms(st.seedMs)} ms.`,
      `The stream ran ${st.passes.length} times, each into a freshly seeded evaluator (with a full garbage collection between seeding and streaming, as in a long-running service); these figures are from the pass of median throughput (events/s per pass: ${st.passes.map((r) => Math.round(r).toLocaleString("en-US")).join(", ")}).`,
      "",
    );
  }
  return out.join("\n");
}

const AUDIENCE_RATIO_TARGET = 0.5;
const SNAPSHOT_MB_TARGET = 2000;
const STREAMING_P99_TARGET_MS = 1;
const STREAMING_RATE_TARGET = 200_000;

const verdict = (ok: boolean) => (ok ? "met" : "**missed**");

/** The targets of the benchmark, checked against each measured scale. */
function targetLines(result: BenchResult): string[] {
  const lines: string[] = [];
  for (const s of result.scales) {
    const audiences = s.figures.filter((f) => f.name.includes(" audience "));
    const worst = audiences.reduce((a, b) => (b.ratio > a.ratio ? b : a), audiences[0]!);
    lines.push(
      `- Scale ${s.scale}: every seed audience at most ${AUDIENCE_RATIO_TARGET}× DuckDB's time — ${verdict(worst.ratio <= AUDIENCE_RATIO_TARGET)} (slowest relative: ${worst.name.replace(/^x[\d.]+ audience /, "")}, ${worst.ratio.toFixed(2)}×).`,
    );
  }
  const full = result.scales.find((s) => s.scale === 1);
  if (full === undefined) {
    lines.push("- Snapshot memory and streaming targets are stated at scale 1, which this run did not measure.");
    return lines;
  }
  lines.push(`- Snapshot at most ${SNAPSHOT_MB_TARGET / 1000} GB resident at scale 1 — ${verdict(full.memory.totalMB <= SNAPSHOT_MB_TARGET)} (${full.memory.totalMB.toFixed(0)} MB).`);
  lines.push(`- Streaming p99 at most ${STREAMING_P99_TARGET_MS} ms per event at scale 1 — ${verdict(full.streaming.p99Ms <= STREAMING_P99_TARGET_MS)} (${full.streaming.p99Ms.toFixed(3)} ms).`);
  lines.push(
    `- Streaming throughput at least ${STREAMING_RATE_TARGET.toLocaleString("en-US")} events/s at scale 1 — ${verdict(full.streaming.changesPerSecond >= STREAMING_RATE_TARGET)} (${Math.round(full.streaming.changesPerSecond).toLocaleString("en-US")} events/s; see docs/streaming.md for where the time goes).`,
  );
  return lines;
}
