import { z } from "zod";
import { checkArguments } from "./check-arguments.js";
import { distinctColumnNames } from "./column-names.js";
import { CsvRecordSplitter, type CsvFault, type CsvRecord, type MalformedCsvRecord } from "./csv-records.js";
import { emptyRecord } from "./empty-record.js";
import { FileReportSchema, type FileReport } from "./file-report.js";
import { InputSourceSchema, textChunks, type InputSource } from "./input-source.js";
import { Utf8Decoder } from "./utf8-decoder.js";

/** One CSV record: its values by column name and the line it starts on. */
export interface CsvRow {
  readonly line: number;
  /** The record's values by column (a prototype-free object: a column may be named `constructor`). */
  readonly values: Readonly<Record<string, string>>;
}

/** The rows of a CSV file and its header. */
export interface CsvContent {
  /** The column names, distinct (see `readCsv`). */
  readonly header: readonly string[];
  readonly rows: readonly CsvRow[];
}

const ArgumentsSchema = z.object({ input: InputSourceSchema, report: FileReportSchema });

/** What a streaming read reports as it goes, and how it is stopped. */
export interface CsvStreamHooks {
  /** Called after each chunk of records: bytes read so far (and the file's size, when known) and records parsed. */
  readonly onProgress?: (progress: { readonly bytes: number; readonly totalBytes?: number; readonly rows: number }) => void;
  /** Stops reading; the read then rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Records per call of `onRows` (default 10,000). */
  readonly chunkRows?: number;
}

const FAULT_MESSAGES: Record<CsvFault, string> = {
  quote_in_value: "a quote inside a value that does not start with one",
  text_after_quote: "text after the closing quote of a value",
  quote_not_closed: "a quote that is never closed",
};

/**
 * Reads a CSV file (streaming) with a header row: UTF-8 with or without BOM,
 * CRLF, LF or CR line ends, quoted fields with commas, doubled quotes and line
 * breaks. Column names are trimmed; an unnamed or repeated column gets a name
 * of its own (`column 4`, `Name (2)`), with a warning.
 *
 * Every record of the file is either returned or counted here as read and
 * rejected, with its line: a record with a malformed quote (reading goes on at
 * the next line; a quote never closed rejects the line it opens on), or with
 * another number of fields than the header. Bytes that are not UTF-8 read as
 * U+FFFD with a warning naming the record's line and column. A file that cannot
 * be read is an error in the report. Throws `ValidationError` only for
 * arguments of the wrong shape.
 */
export async function readCsv(input: InputSource, report: FileReport): Promise<CsvContent> {
  checkArguments("readCsv", ArgumentsSchema, { input, report });
  const rows: CsvRow[] = [];
  const header = await streamCsv(input, report, (chunk) => {
    for (const row of chunk) rows.push(row);
  });
  return { header, rows };
}

/**
 * Reads a CSV file as {@link readCsv} does (the same rows, counts and problems),
 * handing its records to `onRows` a chunk at a time, so no file is ever held
 * whole. Returns the header. `hooks.onProgress` hears bytes and records as
 * chunks are read; aborting `hooks.signal` stops the read, which then rejects
 * with the signal's reason.
 */
export async function streamCsv(
  input: InputSource,
  report: FileReport,
  onRows: (rows: CsvRow[], header: readonly string[]) => void,
  hooks: CsvStreamHooks = {},
): Promise<string[]> {
  return streamCsvRecords(
    input,
    report,
    (chunk, header) => {
      const rows: CsvRow[] = new Array<CsvRow>(chunk.cells.length);
      for (let r = 0; r < rows.length; r++) {
        const fields = chunk.cells[r]!;
        const values = emptyRecord<string>();
        for (let i = 0; i < header.length; i++) values[header[i]!] = fields[i]!;
        rows[r] = { line: chunk.lines[r]!, values };
      }
      onRows(rows, header);
    },
    hooks,
  );
}

/** A chunk of CSV records: each record's cells in header order, and the line it starts on. */
export interface CsvRecordChunk {
  readonly cells: readonly (readonly string[])[];
  readonly lines: readonly number[];
}

/**
 * {@link streamCsv} without a row object per record: each chunk holds the
 * records' cells by column position (the header's order), so a mapper can read
 * a cell without building an object per row. The same counts and problems.
 */
export async function streamCsvRecords(
  input: InputSource,
  report: FileReport,
  onRecords: (chunk: CsvRecordChunk, header: readonly string[]) => void,
  hooks: CsvStreamHooks = {},
): Promise<string[]> {
  const decoder = new Utf8Decoder();
  const invalidLines = decoder.invalidLines;
  let nextInvalid = 0;
  /** The lines with bytes that are not UTF-8 among `line`…`endLine` (records arrive in line order). */
  const invalidIn = (line: number, endLine: number) => {
    while (nextInvalid < invalidLines.length && invalidLines[nextInvalid]! < line) nextInvalid++;
    const found: number[] = [];
    while (nextInvalid < invalidLines.length && invalidLines[nextInvalid]! <= endLine) found.push(invalidLines[nextInvalid++]!);
    return found;
  };
  const problem = (line: number, message: string, severity: "error" | "warning", code: string, field?: string) =>
    report.problems.push({ file: report.file, line, ...(field !== undefined ? { field } : {}), message, severity, code });
  const reject = (line: number, message: string, code: string, field?: string) => {
    report.read++;
    report.rejected++;
    problem(line, message, "error", code, field);
  };
  const span = (r: { line: number; endLine: number }) => (r.endLine > r.line ? ` (lines ${r.line}-${r.endLine})` : "");

  let header: string[] | undefined;
  /** A header that is not valid CSV, and how many records after it could not be read for that. */
  let headerBroken: { line: number; endLine: number; fault: CsvFault } | undefined;
  let unreadable = 0;
  let cells: string[][] = [];
  let lines: number[] = [];
  let rowCount = 0;
  const onRecord = (record: CsvRecord) => {
    const bad = invalidIn(record.line, record.endLine);
    if (header === undefined) {
      header = distinctColumnNames(record.fields, record.line, report);
      const names = header.filter((n) => n.includes("\uFFFD"));
      if (bad.length > 0)
        problem(
          record.line,
          `the header has bytes that are not UTF-8; they were read as U+FFFD${names.length > 0 ? ` (${names.join(", ")})` : ""}`,
          "warning",
          "invalid_utf8",
          names[0],
        );
      return;
    }
    if (headerBroken) return unreadable++;
    if (record.fields.length !== header.length) {
      return reject(record.line, `the record has ${record.fields.length} fields, the header ${header.length}${span(record)}`, "field_count");
    }
    cells.push(record.fields);
    lines.push(record.line);
    rowCount++;
    if (bad.length > 0) {
      const columns = header.filter((_name, i) => record.fields[i]!.includes("\uFFFD"));
      const where = bad.map((l) => `line ${l}`).join(", ");
      problem(
        record.line,
        `the record has bytes that are not UTF-8 (${where}); they were read as U+FFFD${columns.length > 0 ? ` in ${columns.join(", ")}` : ""}`,
        "warning",
        "invalid_utf8",
        columns[0],
      );
    }
  };
  const onMalformed = (record: MalformedCsvRecord) => {
    invalidIn(record.line, record.endLine);
    const column = header?.[record.field];
    const message =
      record.fault === "quote_not_closed"
        ? `the record is not valid CSV: a quote opened on line ${record.endLine}${column !== undefined ? ` in ${column}` : ""} is never closed; the record was rejected and reading went on with the next line`
        : `the record is not valid CSV${span(record)}: ${FAULT_MESSAGES[record.fault]}${column !== undefined ? ` (${column})` : ""}`;
    if (header === undefined) {
      header = [];
      headerBroken = { line: record.line, endLine: record.endLine, fault: record.fault };
      return;
    }
    if (headerBroken) return unreadable++;
    reject(record.line, message, "invalid_csv", column);
  };

  const chunkRows = hooks.chunkRows ?? 10_000;
  const flush = () => {
    if (cells.length === 0 || header === undefined) return;
    const chunk = { cells, lines };
    cells = [];
    lines = [];
    onRecords(chunk, header);
  };
  const totalBytes = "text" in input && typeof input.text === "string" ? Buffer.byteLength(input.text) : undefined;
  const progress = (bytes: number) => hooks.onProgress?.({ bytes, ...(totalBytes !== undefined ? { totalBytes } : {}), rows: rowCount });
  const splitter = new CsvRecordSplitter({ record: onRecord, malformed: onMalformed });
  hooks.signal?.throwIfAborted();
  const counted = { bytes: 0 };
  try {
    for await (const text of textChunks(input, decoder, counted)) {
      hooks.signal?.throwIfAborted();
      splitter.write(text);
      if (cells.length >= chunkRows) {
        flush();
        progress(counted.bytes);
      }
    }
    splitter.end();
  } catch (error) {
    if (hooks.signal?.aborted) throw hooks.signal.reason;
    if (error instanceof StopReading) throw error;
    report.problems.push({ file: report.file, message: `the file could not be read: ${(error as Error).message}`, severity: "error", code: "unreadable" });
  }
  flush();
  progress(totalBytes ?? counted.bytes);
  if (headerBroken) {
    report.read += unreadable;
    report.rejected += unreadable;
    problem(
      headerBroken.line,
      `the header is not valid CSV${span(headerBroken)}: ${FAULT_MESSAGES[headerBroken.fault]}; none of the ${unreadable} records after it could be read`,
      "error",
      "invalid_csv",
    );
  }
  return header ?? [];
}

/** Thrown by an `onRows` callback to stop reading (see `readCsvHeader`). */
export class StopReading extends Error {}
