import { parse, type CsvError } from "csv-parse";
import { crlfToLf } from "./crlf-to-lf.js";
import type { FileReport } from "./file-report.js";
import { openText, type InputSource } from "./input-source.js";

/** One CSV record: its values by column name and the line it starts on. */
export interface CsvRow {
  readonly line: number;
  readonly values: Readonly<Record<string, string>>;
}

/** The rows of a CSV file and its header. */
export interface CsvContent {
  readonly header: readonly string[];
  readonly rows: readonly CsvRow[];
}

/** What a streaming read reports as it goes, and how it is stopped. */
export interface CsvStreamHooks {
  /** Called after each chunk of the file: bytes read so far (and the file's size, when known) and records parsed. */
  readonly onProgress?: (progress: { readonly bytes: number; readonly totalBytes?: number; readonly rows: number }) => void;
  /** Stops reading; the read then rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Records per call of `onRows` (default 10,000). */
  readonly chunkRows?: number;
}

/**
 * Reads a CSV file (streaming) with a header row: UTF-8 with or without BOM,
 * CRLF or LF, quoted fields with commas, quotes and line breaks. A record that
 * cannot be parsed (broken quoting, a wrong number of fields) is counted as read
 * and rejected with its line; reading goes on with the next record. An
 * unterminated quote swallows the rest of the file; that is reported too.
 */
export async function readCsv(input: InputSource, report: FileReport): Promise<CsvContent> {
  const rows: CsvRow[] = [];
  const header = await streamCsv(input, report, (chunk) => {
    for (const row of chunk) rows.push(row);
  });
  return { header, rows };
}

/**
 * Reads a CSV file as {@link readCsv} does, handing its records to `onRows` a
 * chunk at a time, so no file is ever held whole. Returns the header.
 */
export async function streamCsv(input: InputSource, report: FileReport, onRows: (rows: CsvRow[], header: readonly string[]) => void, hooks: CsvStreamHooks = {}): Promise<string[]> {
  let header: string[] = [];
  let lastLine = 1;
  let rows: CsvRow[] = [];
  let rowCount = 0;
  const chunkRows = hooks.chunkRows ?? 10_000;
  // records and skipped records arrive here synchronously, in file order
  const parser = parse({
    columns: (names: string[]) => (header = names.map((n) => n.trim())),
    bom: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_record: (record: Record<string, string>, context: { lines: number }) => {
      let breaks = 0;
      for (const column in record) {
        const value = record[column]!;
        for (let at = value.indexOf("\n"); at >= 0; at = value.indexOf("\n", at + 1)) breaks++;
      }
      rows.push({ line: context.lines - breaks, values: record });
      rowCount++;
      lastLine = context.lines;
      return record;
    },
  });
  parser.on("skip", (err: CsvError) => {
    report.read++;
    report.rejected++;
    const line = lastLine + 1;
    const end = Number(err.lines);
    const span = end > line ? ` (lines ${line}-${end})` : "";
    const message = err.code === "CSV_QUOTE_NOT_CLOSED"
      ? `a quote opened on or after line ${line} is never closed; the rest of the file (to line ${end}) could not be read`
      : err.code === "CSV_RECORD_INCONSISTENT_COLUMNS"
        ? `the record has a different number of fields than the header (${header.length})${span}`
        : `the record is not valid CSV${span}: ${err.message.replace(/ at line \d+.*$/s, "")}`;
    report.problems.push({ file: report.file, line, message, severity: "error", code: err.code === "CSV_RECORD_INCONSISTENT_COLUMNS" ? "field_count" : "invalid_csv" });
    lastLine = end;
  });
  const flush = () => {
    if (rows.length === 0) return;
    const chunk = rows;
    rows = [];
    onRows(chunk, header);
  };
  const source = openText(input);
  const totalBytes = "text" in input ? Buffer.byteLength(input.text) : undefined;
  const bytesRead = () => ("text" in input ? totalBytes! : ((source as unknown as { bytesRead?: number }).bytesRead ?? 0));
  let reportedBytes = -1;
  try {
    const lf = crlfToLf();
    source.on("error", (error) => parser.destroy(error));
    lf.on("error", (error) => parser.destroy(error));
    if (hooks.signal) {
      hooks.signal.throwIfAborted();
      hooks.signal.addEventListener("abort", () => parser.destroy(hooks.signal!.reason as Error), { once: true });
    }
    for await (const _ of source.pipe(lf).pipe(parser)) {
      if (rows.length >= chunkRows) {
        flush();
        const bytes = bytesRead();
        if (bytes !== reportedBytes) {
          reportedBytes = bytes;
          hooks.onProgress?.({ bytes, ...(totalBytes !== undefined ? { totalBytes } : {}), rows: rowCount });
        }
      }
    }
  } catch (error) {
    if (hooks.signal?.aborted) {
      source.destroy();
      throw hooks.signal.reason;
    }
    report.problems.push({ file: report.file, line: lastLine + 1, message: `the file could not be read: ${(error as Error).message}`, severity: "error", code: "unreadable" });
  }
  source.destroy();
  flush();
  hooks.onProgress?.({ bytes: bytesRead(), ...(totalBytes !== undefined ? { totalBytes } : {}), rows: rowCount });
  return header;
}
