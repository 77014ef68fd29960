import { mkdtemp, rm, stat } from "node:fs/promises";
import { cpus, totalmem, tmpdir, type } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { SnapshotBuilder, type Snapshot } from "@abm-kit/core";
import { activate, createActivationEvents, type ActivationState, type FileFormat, type StateStore } from "@abm-kit/destinations";
import { s3Destination } from "@abm-kit/destination-s3";
import { startS3Server } from "@abm-kit/destination-s3/testing";
import { BENCH_NOW } from "./dataset.js";
import { collectGarbage } from "./measure.js";

const INDUSTRIES = ["Software", "Financial Services", "Healthcare", "Manufacturing"];

/** Account `i` of the export data set (the same values DuckDB generates in {@link DUCKDB_ROWS}). */
function account(i: number) {
  return {
    id: `acc-${String(i).padStart(8, "0")}`,
    name: `Company ${i}`,
    domain: `company${i}.example.com`,
    industry: INDUSTRIES[i % 4]!,
    employeeCount: 10 + (i % 5000),
  };
}

/** The same rows in DuckDB, ordered by id as abm-kit writes them. */
const DUCKDB_ROWS = (rows: number) => `
  SELECT 'acc-' || lpad(i::VARCHAR, 8, '0') AS id, 'Company ' || i AS name, 'company' || i || '.example.com' AS domain,
         (['Software', 'Financial Services', 'Healthcare', 'Manufacturing'])[(i % 4) + 1] AS industry, (10 + i % 5000)::DOUBLE AS employees
  FROM range(${rows}) t(i)`;

/** One S3 export figure: abm-kit to the local S3-protocol server against DuckDB's COPY to a local file. */
export interface S3ExportFigure {
  readonly format: FileFormat;
  readonly rows: number;
  readonly files: number;
  readonly bytes: number;
  readonly oursMs: number;
  readonly duckdbBytes: number;
  readonly duckdbMs: number;
  /** Highest resident memory above the level before the export (sampled every 50 ms), in MB. */
  readonly peakRssGrowthMB: number;
  readonly snapshotBuildMs: number;
  /** Where abm-kit's time went: working out the members and their fingerprints, writing the staged files, uploading and checking them, recording state. */
  readonly phasesMs: { readonly plan: number; readonly write: number; readonly upload: number; readonly record: number };
}

/** Keeps the state by reference: the export is measured, not the serialization of five million state entries. */
class ReferenceStateStore implements StateStore {
  private state: ActivationState | undefined;
  async load(): Promise<ActivationState | undefined> {
    return this.state;
  }
  async save(_key: string, state: ActivationState): Promise<void> {
    this.state = state;
  }
}

function buildAccounts(rows: number): Snapshot {
  const builder = new SnapshotBuilder({ asOf: BENCH_NOW, validate: false });
  for (let i = 0; i < rows; i++) builder.addAccount(account(i));
  return builder.build();
}

/**
 * Exports `rows` accounts (id, name, domain, industry, employees) from a
 * Snapshot through the S3 destination to a local S3-protocol server (s3rver
 * behind the checking gateway, on loopback, default part size and queue),
 * and has DuckDB `COPY` the same rows, same format, to a local file.
 */
export async function measureS3Export(rows: number, format: FileFormat): Promise<S3ExportFigure> {
  const work = await mkdtemp(join(tmpdir(), "abm-bench-s3-"));
  const started = performance.now();
  const snapshot = buildAccounts(rows);
  const snapshotBuildMs = performance.now() - started;
  const memberIds = Array.from({ length: rows }, (_, i) => account(i).id);
  const server = await startS3Server({ directory: join(work, "s3rver") });
  try {
    collectGarbage();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    const marks: Record<string, number> = {};
    const events = createActivationEvents();
    events.on("audience:delta", () => (marks.planned = performance.now()));
    events.on("file:written", () => (marks.uploaded = performance.now()));
    // prepare runs once every file is staged, before the first upload
    const prepare = s3Destination.file!.prepare!;
    const destination = {
      ...s3Destination,
      file: {
        ...s3Destination.file!,
        prepare: async (...args: Parameters<typeof prepare>) => {
          marks.staged = performance.now();
          await prepare(...args);
        },
      },
    };
    const t0 = performance.now();
    const report = await activate(
      {
        id: "bench-s3",
        destination: { id: "s3", settings: { ...server.settings(), keyPrefix: "bench/", stagingDirectory: join(work, "staging"), format } },
        audiences: [{ audienceId: "all-accounts" }],
        mapping: {
          account: [
            { source: "account.name", target: "name" },
            { source: "account.domain", target: "domain" },
            { source: "account.industry", target: "industry" },
            { source: "account.employeeCount", target: "employees" },
          ],
        },
        mode: "full",
      },
      {
        destination,
        snapshot,
        audiences: [{ audienceId: "all-accounts", type: "account", memberIds }],
        now: BENCH_NOW,
        state: new ReferenceStateStore(),
        events,
      },
    );
    const t9 = performance.now();
    const oursMs = t9 - t0;
    const phasesMs = {
      plan: marks.planned! - t0,
      write: marks.staged! - marks.planned!,
      upload: marks.uploaded! - marks.staged!,
      record: t9 - marks.uploaded!,
    };
    clearInterval(sampler);
    if (report.status !== "completed") throw new Error(`the S3 export ended ${report.status}: ${report.audiences[0]?.warnings.join("; ")}`);
    const manifest = report.audiences[0]!.manifest!;
    const stored = await server.objects("bench/");
    const bytes = manifest.files.reduce((n, f) => n + f.bytes, 0);
    if (stored.filter((o) => !o.key.endsWith(".manifest.json")).reduce((n, o) => n + o.size, 0) !== bytes)
      throw new Error("the server does not hold the bytes the manifest lists");

    const db = await DuckDBInstance.create(":memory:");
    const connection = await db.connect();
    await connection.run(`CREATE TABLE accounts AS ${DUCKDB_ROWS(rows)}`);
    const target = join(work, `duckdb.${format === "jsonl" ? "json" : format}`);
    const options = format === "csv" ? "(FORMAT csv, HEADER)" : format === "parquet" ? "(FORMAT parquet)" : "(FORMAT json)";
    const t1 = performance.now();
    await connection.run(`COPY (SELECT * FROM accounts ORDER BY id) TO '${target}' ${options}`);
    const duckdbMs = performance.now() - t1;
    const duckdbBytes = (await stat(target)).size;
    connection.closeSync();
    db.closeSync();
    return {
      format,
      rows,
      files: manifest.files.length,
      bytes,
      oursMs,
      duckdbBytes,
      duckdbMs,
      peakRssGrowthMB: (peak - baseline) / 1e6,
      snapshotBuildMs,
      phasesMs,
    };
  } finally {
    await server.close();
    await rm(work, { recursive: true, force: true });
  }
}

const MB = 1e6;

/** The S3 export section of docs/benchmarks.md (between its markers). */
export function formatS3ExportSection(figures: readonly S3ExportFigure[], date: string): string {
  const lines = [
    S3_SECTION_START,
    "## S3 export",
    "",
    "Written by `pnpm bench:s3` (packages/bench/src/s3-export-main.ts). abm-kit exports one account audience",
    "(id, name, domain, industry, employees) in full from an in-memory Snapshot through `@abm-kit/destination-s3`",
    "to the local S3-protocol server of `@abm-kit/destination-s3/testing` (s3rver behind the gateway that checks",
    "signatures and payload hashes, on 127.0.0.1): rows are mapped, written to staged files, uploaded (multipart,",
    "8 MiB parts, 4 at once), each object checked with HeadObject, the manifest last. DuckDB `COPY`s the same",
    "rows, same format, from an in-memory table to a local file — no network, no upload. rows/s and MB/s are",
    "over each side's whole time; MB are the files' bytes (10^6). The run's state is kept in memory by reference",
    "(not serialized): the export is measured, not a state store.",
    "",
    `- Date: ${date}`,
    `- Machine: ${cpus()[0]?.model ?? "unknown CPU"}, ${cpus().length} cores (shared with other work while measuring), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${type()}, Node.js ${process.version}`,
    "",
    "| format | rows | files | abm-kit → S3 (s) | rows/s | MB/s | DuckDB COPY (s) | rows/s | MB/s | ratio | peak RSS growth (MB) |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const f of figures) {
    const ours = f.oursMs / 1000;
    const duck = f.duckdbMs / 1000;
    lines.push(
      `| ${f.format} | ${f.rows.toLocaleString("en-US")} | ${f.files} | ${ours.toFixed(1)} | ${Math.round(f.rows / ours).toLocaleString("en-US")} | ${(f.bytes / MB / ours).toFixed(1)} | ` +
        `${duck.toFixed(1)} | ${Math.round(f.rows / duck).toLocaleString("en-US")} | ${(f.duckdbBytes / MB / duck).toFixed(1)} | ${(f.oursMs / f.duckdbMs).toFixed(2)} | ${f.peakRssGrowthMB.toFixed(0)} |`,
    );
  }
  lines.push(
    "",
    "Where abm-kit's time went: _plan_ (members, mapping, fingerprints, delta), _write_ (rows mapped again and written",
    "to the staged files), _upload + check_ (PutObject / multipart upload to the local server, HeadObject checks,",
    "journal marker, manifest), _record_ (the delivered members recorded in the run's state). Plan, write and record",
    "are the activation runtime's work (`@abm-kit/destinations`); upload + check is this destination's and the local server's.",
    "",
    "| format | plan (s) | write (s) | upload + check (s) | upload MB/s | record (s) |",
    "|---|---:|---:|---:|---:|---:|",
    ...figures.map((f) => {
      const p = f.phasesMs;
      return `| ${f.format} | ${(p.plan / 1000).toFixed(1)} | ${(p.write / 1000).toFixed(1)} | ${(p.upload / 1000).toFixed(1)} | ${(f.bytes / MB / (p.upload / 1000)).toFixed(1)} | ${(p.record / 1000).toFixed(1)} |`;
    }),
    "",
    `Files: ${figures.map((f) => `${f.format} ${(f.bytes / MB).toFixed(0)} MB in ${f.files} file(s) (DuckDB's file ${(f.duckdbBytes / MB).toFixed(0)} MB)`).join("; ")}.`,
    "Ratio = abm-kit's time / DuckDB's. Peak RSS growth is the process's resident memory above its level before the",
    "export, sampled every 50 ms: it includes the run's per-member state (fingerprints of every member, kept to",
    "compute the next delta), not the files, which stream from disk in parts.",
    "",
    "Reproduce: `npx -y pnpm@10.34.8 bench:s3` (5,000,000 rows, CSV; `--rows`, `--format csv|jsonl|parquet`).",
    S3_SECTION_END,
  );
  return lines.join("\n");
}

export const S3_SECTION_START = "<!-- s3-export:start -->";
export const S3_SECTION_END = "<!-- s3-export:end -->";

/** `markdown` with its S3 export section replaced by `section` (or added at the end). */
export function withS3Section(markdown: string, section: string): string {
  const start = markdown.indexOf(S3_SECTION_START);
  const end = markdown.indexOf(S3_SECTION_END);
  if (start >= 0 && end > start) return markdown.slice(0, start) + section + markdown.slice(end + S3_SECTION_END.length);
  return `${markdown.trimEnd()}\n\n${section}\n`;
}

/** The S3 export section of `markdown`, if it has one. */
export function s3SectionOf(markdown: string): string | undefined {
  const start = markdown.indexOf(S3_SECTION_START);
  const end = markdown.indexOf(S3_SECTION_END);
  return start >= 0 && end > start ? markdown.slice(start, end + S3_SECTION_END.length) : undefined;
}
