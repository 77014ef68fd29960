import { cpus, totalmem, type } from "node:os";
import type { Figure } from "./audience-figures.js";
import type { SnapshotMemory } from "./build-figures.js";
import type { FilesFigure } from "./files/files-figure.js";
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
  readonly files: readonly FilesFigure[];
  readonly runs: number;
  readonly duckdbVersion: string;
}

const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

/** The figures as a plain-text table. */
export function formatTable(figures: readonly Figure[]): string {
  const width = Math.max(20, ...figures.map((f) => f.name.length));
  const lines = [`${"figure".padEnd(width)}  ${"ours ms".padStart(10)}  ${"DuckDB ms".padStart(10)}  ${"ratio".padStart(6)}`];
  for (const f of figures)
    lines.push(`${f.name.padEnd(width)}  ${ms(f.ours_ms).padStart(10)}  ${ms(f.baseline_ms).padStart(10)}  ${f.ratio.toFixed(2).padStart(6)}`);
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
  out.push(...filesSection(result));
  for (const s of result.scales) {
    out.push(`## Scale ${s.scale}`, "");
    out.push(
      `Rows: ${Object.entries(s.rows)
        .map(([k, v]) => `${k} ${v.toLocaleString("en-US")}`)
        .join(", ")}.`,
      "",
    );
    out.push(
      `Snapshot resident memory: ${s.memory.totalMB.toFixed(0)} MB (${s.memory.heapMB.toFixed(0)} MB heap + ${s.memory.arrayBuffersMB.toFixed(0)} MB typed arrays).`,
      "",
    );
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
  lines.push(
    `- Snapshot at most ${SNAPSHOT_MB_TARGET / 1000} GB resident at scale 1 — ${verdict(full.memory.totalMB <= SNAPSHOT_MB_TARGET)} (${full.memory.totalMB.toFixed(0)} MB).`,
  );
  lines.push(
    `- Streaming p99 at most ${STREAMING_P99_TARGET_MS} ms per event at scale 1 — ${verdict(full.streaming.p99Ms <= STREAMING_P99_TARGET_MS)} (${full.streaming.p99Ms.toFixed(3)} ms).`,
  );
  lines.push(
    `- Streaming throughput at least ${STREAMING_RATE_TARGET.toLocaleString("en-US")} events/s at scale 1 — ${verdict(full.streaming.changesPerSecond >= STREAMING_RATE_TARGET)} (${Math.round(full.streaming.changesPerSecond).toLocaleString("en-US")} events/s; see docs/streaming.md for where the time goes).`,
  );
  return lines;
}

const FILES_TIME_TARGET = 1.0;
const FILES_MEMORY_TARGET = 2;
const FILES_START = "<!-- files figure: start -->";
const FILES_END = "<!-- files figure: end -->";
const mb = (v: number) => `${v.toFixed(0)} MB`;

/** The files figures as a plain-text table. */
export function formatFilesTable(figures: readonly FilesFigure[]): string {
  const lines = [
    "scale   input MB   ours ms   DuckDB ms  ratio  ours CPU ms  DuckDB CPU ms  CPU ratio  ours peak RSS  DuckDB peak RSS  snapshot  peak/snapshot  load",
  ];
  for (const f of figures) {
    const input = Object.values(f.files).reduce((a, b) => a + b, 0) / 1e6;
    lines.push(
      `${String(f.scale).padEnd(6)}  ${input.toFixed(0).padStart(8)}  ${ms(f.ours.ms).padStart(8)}  ${ms(f.duckdb.ms).padStart(10)}  ${f.ratio.toFixed(2).padStart(5)}  ${ms(f.ours.cpuMs).padStart(11)}  ${ms(f.duckdb.cpuMs).padStart(13)}  ${(f.ours.cpuMs / f.duckdb.cpuMs).toFixed(2).padStart(9)}  ${mb(f.ours.peakRssMB).padStart(13)}  ${mb(f.duckdb.peakRssMB).padStart(15)}  ${mb(f.ours.snapshotMB).padStart(8)}  ${(f.ours.peakRssMB / f.ours.snapshotMB).toFixed(2).padStart(13)}  ${f.load.map((l) => l.toFixed(2)).join("→")}`,
    );
  }
  return lines.join("\n");
}

/** The machine the report was measured on: cores, CPU model, memory, Node version. */
const machine = () => `${cpus().length} cores (${cpus()[0]?.model.trim() ?? "unknown CPU"}), ${Math.round(totalmem() / 1e9)} GB, Node ${process.versions.node}`;

/** The files section of the report (between markers, so `--only files --docs` can replace it alone). */
function filesSection(result: BenchResult): string[] {
  const out = [FILES_START, "## Files → identity → Snapshot", ""];
  if (result.files.length === 0) return [...out, "Not measured in this run.", "", FILES_END, ""];
  out.push(
    "`pnpm bench` writes the data set as the exporters write it (Salesforce Data Loader CSV of Account, Contact,",
    "AccountContactRelation, Opportunity, OpportunityContactRole and Asset with 18-character ids; Marketo leads and the",
    "bulk activity extract; partner intent and technographics files) into the temp folder, then times, from those files:",
    "",
    "- **ours**: `loadExports` (read, map, identity graph) + `toSnapshot`, as the demo's main job does;",
    "- **DuckDB**: `read_csv` of every file into tables, then identity resolution with SQL joins (a lead is the contact it",
    "  cross-references, else the contact with its email, else a person of its own; links per pair from three rules;",
    "  activities re-pointed to the unified person; intent surges to the account with the same domain).",
    "",
    "Each engine runs in a child process of its own, so its peak resident memory (`getrusage` max RSS) is its own.",
    "Ours runs with `--max-semi-space-size=64` (a 64 MB young generation; V8's default is 16 MB), the setting",
    "[ingest-performance.md](ingest-performance.md) recommends for large loads (its figures before the fifth round ran with the default).",
    "Every run is checked: both engines must build the same unified person ids and the same number of links, person",
    "events and account events, or the figure fails. Times are medians of the runs (3, alternating engines; 1 at scale 1,",
    `where a run takes minutes). The machine: ${machine()}, shared with other work, so the`,
    "1-minute load average before → after is given. Snapshot = heap and array buffers",
    "the finished Snapshot holds (resident with it, less resident once it is dropped, after full collections). CPU = user +",
    "system time of the process over the same span, every thread (DuckDB runs two): it is less distorted by a busy machine",
    "than the wall time, which the target is about. Persons 0-2 (mod 10) are Salesforce contacts only, so they",
    "have no Marketo activities: scale 1 has 7,000,000 activities rather than 10,000,000 events.",
    "",
    `Targets at scale 1: time at most ${FILES_TIME_TARGET.toFixed(1)}× DuckDB's; peak resident memory at most ${FILES_MEMORY_TARGET}× the finished Snapshot.`,
    "",
    "| scale | input | ours (ms) | DuckDB (ms) | ratio | ours CPU (ms) | DuckDB CPU (ms) | CPU ratio | ours peak RSS | DuckDB peak RSS | Snapshot | ours peak / Snapshot | load |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
  );
  for (const f of result.files) {
    const input = Object.values(f.files).reduce((a, b) => a + b, 0) / 1e6;
    out.push(
      `| ${f.scale} | ${mb(input)} | ${ms(f.ours.ms)} | ${ms(f.duckdb.ms)} | ${f.ratio.toFixed(2)} | ${ms(f.ours.cpuMs)} | ${ms(f.duckdb.cpuMs)} | ${(f.ours.cpuMs / f.duckdb.cpuMs).toFixed(2)} | ${mb(f.ours.peakRssMB)} | ${mb(f.duckdb.peakRssMB)} | ${mb(f.ours.snapshotMB)} | ${(f.ours.peakRssMB / f.ours.snapshotMB).toFixed(2)} | ${f.load.map((l) => l.toFixed(2)).join(" → ")} |`,
    );
  }
  const full = result.files.find((f) => f.scale === 1);
  out.push("");
  if (full) {
    out.push(
      `- Scale 1, time at most ${FILES_TIME_TARGET.toFixed(1)}× DuckDB's — ${verdict(full.ratio <= FILES_TIME_TARGET)} (${full.ratio.toFixed(2)}×).`,
      `- Scale 1, peak RSS at most ${FILES_MEMORY_TARGET}× the Snapshot — ${verdict(full.ours.peakRssMB <= FILES_MEMORY_TARGET * full.ours.snapshotMB)} (${(full.ours.peakRssMB / full.ours.snapshotMB).toFixed(2)}×).`,
      "",
    );
  }
  out.push(
    `Rows of the Snapshot at the largest scale measured: ${Object.entries(result.files.at(-1)!.rows)
      .map(([k, v]) => `${k} ${v.toLocaleString("en-US")}`)
      .join(", ")}.`,
    "",
    "Where the time and the memory go, and what stands between this path and the targets: [ingest-performance.md](ingest-performance.md).",
    "",
    "Reproduce: `npx -y pnpm@10.34.8 bench --only files --scale 0.1` (one scale; add `--docs` to rewrite this section),",
    "or `npx -y pnpm@10.34.8 bench --only files --docs` for scales 0.01, 0.1 and 1. `--files-runs <n>` sets the runs below scale 1 (3).",
    "",
    FILES_END,
    "",
  );
  return out;
}

/** The report with only its files section replaced (appended after the targets when the report has none yet). */
export function replaceFilesSection(markdown: string, result: BenchResult): string {
  const section = filesSection(result).join("\n");
  const start = markdown.indexOf(FILES_START);
  const end = markdown.indexOf(FILES_END);
  if (start >= 0 && end > start) return markdown.slice(0, start) + section + markdown.slice(end + FILES_END.length + 1);
  const at = markdown.indexOf("\n## Scale ");
  return at < 0 ? `${markdown}\n${section}` : `${markdown.slice(0, at + 1)}${section}${markdown.slice(at + 1)}`;
}
