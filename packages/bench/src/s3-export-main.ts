/**
 * `pnpm bench:s3 [--rows <n>] [--format csv|jsonl|parquet] [--no-docs]`
 *
 * Exports `--rows` accounts (5,000,000) through the S3 destination to the
 * local S3-protocol server and has DuckDB COPY the same rows to a local file
 * in the same format; prints rows/s and MB/s and rewrites the "S3 export"
 * section of docs/benchmarks.md.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { formatS3ExportSection, measureS3Export, withS3Section } from "./s3-export-figures.js";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "5000000" },
    format: { type: "string", multiple: true },
    "no-docs": { type: "boolean", default: false },
  },
});
const rows = Number(values.rows);
if (!Number.isInteger(rows) || rows < 1) throw new Error("--rows takes a whole number of at least 1");
const formats = (values.format ?? ["csv"]) as ("csv" | "jsonl" | "parquet")[];
if (formats.some((f) => !["csv", "jsonl", "parquet"].includes(f))) throw new Error("--format is csv, jsonl or parquet");

const figures = [];
for (const format of formats) {
  console.log(`S3 export: ${rows.toLocaleString("en-US")} rows, ${format}…`);
  const f = await measureS3Export(rows, format);
  console.log(
    `  abm-kit → S3: ${(f.oursMs / 1000).toFixed(1)} s, ${Math.round(f.rows / (f.oursMs / 1000))} rows/s, ${(f.bytes / 1e6 / (f.oursMs / 1000)).toFixed(1)} MB/s (${f.files} files, ${(f.bytes / 1e6).toFixed(0)} MB, peak RSS +${f.peakRssGrowthMB.toFixed(0)} MB; snapshot built in ${(f.snapshotBuildMs / 1000).toFixed(1)} s)`,
  );
  const p = f.phasesMs;
  console.log(
    `  phases: plan ${(p.plan / 1000).toFixed(1)} s, write ${(p.write / 1000).toFixed(1)} s, upload + check ${(p.upload / 1000).toFixed(1)} s (${(f.bytes / 1e6 / (p.upload / 1000)).toFixed(1)} MB/s), record ${(p.record / 1000).toFixed(1)} s`,
  );
  console.log(
    `  DuckDB COPY:  ${(f.duckdbMs / 1000).toFixed(1)} s, ${Math.round(f.rows / (f.duckdbMs / 1000))} rows/s, ${(f.duckdbBytes / 1e6 / (f.duckdbMs / 1000)).toFixed(1)} MB/s`,
  );
  figures.push(f);
}
if (!values["no-docs"]) {
  const target = resolve(import.meta.dirname, "../../../docs/benchmarks.md");
  writeFileSync(target, withS3Section(readFileSync(target, "utf8"), formatS3ExportSection(figures, new Date().toISOString())));
  console.log(`wrote ${target}`);
}
