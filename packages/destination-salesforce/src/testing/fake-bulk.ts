import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import type { FakeOrg, SaveOutcome } from "./fake-org.js";

/** A Bulk API 2.0 ingest job as the fake keeps it. */
export interface FakeJob {
  readonly id: string;
  readonly object: string;
  readonly operation: "insert" | "update" | "delete";
  readonly lineEnding: "LF" | "CRLF";
  state: "Open" | "UploadComplete" | "InProgress" | "JobComplete" | "Failed" | "Aborted";
  data: string | undefined;
  uploads: number;
  polls: number;
  errorMessage?: string;
  successful: string[][];
  failed: string[][];
  unprocessed: string[][];
  columns: string[];
  numberRecordsProcessed: number;
  numberRecordsFailed: number;
}

/** The job info Salesforce answers with (Bulk API 2.0 guide, "Get Job Info"). */
export function jobInfo(job: FakeJob): Record<string, unknown> {
  return {
    id: job.id,
    operation: job.operation,
    object: job.object,
    state: job.state,
    contentType: "CSV",
    lineEnding: job.lineEnding,
    columnDelimiter: "COMMA",
    apiVersion: 62.0,
    numberRecordsProcessed: job.numberRecordsProcessed,
    numberRecordsFailed: job.numberRecordsFailed,
    ...(job.errorMessage !== undefined ? { errorMessage: job.errorMessage } : {}),
  };
}

const csvValue = (object: string, org: FakeOrg, name: string, text: string): string | boolean | null => {
  if (text === "#N/A") return null; // "#N/A" clears a field (Bulk API 2.0 guide, "Prepare CSV Files")
  return org.field(object, name)?.type === "boolean" ? text.toLowerCase() === "true" : text;
};

/**
 * Processes a closed job's data against the org: the data must use the job's
 * line ending (else the whole job fails — from practice, reference/destinations.md);
 * each row is applied like a REST write; results are kept per row for
 * successfulResults (`sf__Id`, `sf__Created`), failedResults (`sf__Id`,
 * `sf__Error` as `CODE:message:fields`) and, after `unprocessAfter` rows, unprocessedrecords.
 */
export function processJob(job: FakeJob, org: FakeOrg, unprocessAfter: number | undefined): void {
  const data = job.data ?? "";
  if (job.lineEnding === "LF" && data.includes("\r\n")) {
    job.state = "Failed";
    job.errorMessage = "LineEnding is invalid on user data. Current LineEnding setting is LF";
    return;
  }
  let rows: string[][];
  try {
    rows = parse(data, { relax_column_count: false }) as string[][];
  } catch (error) {
    job.state = "Failed";
    job.errorMessage = `InvalidBatch : ${error instanceof Error ? error.message : "unreadable CSV"}`;
    return;
  }
  const [header = [], ...records] = rows;
  job.columns = header;
  for (const name of header) {
    if (job.operation === "delete" ? name !== "Id" : org.field(job.object, name) === undefined) {
      job.state = "Failed";
      job.errorMessage = `InvalidBatch : Field name not found : ${name}`;
      return;
    }
  }
  records.forEach((row, index) => {
    if (unprocessAfter !== undefined && index >= unprocessAfter) {
      job.unprocessed.push(row);
      return;
    }
    const values: Record<string, unknown> = {};
    header.forEach((name, i) => {
      const text = row[i] ?? "";
      if (text !== "" || job.operation === "insert") {
        if (text !== "") values[name] = csvValue(job.object, org, name, text);
      }
    });
    const outcome: SaveOutcome =
      job.operation === "insert"
        ? org.insert(job.object, values)
        : job.operation === "update"
          ? org.update(job.object, values)
          : org.delete(String(values.Id ?? ""));
    job.numberRecordsProcessed++;
    if (outcome.errors.length === 0) job.successful.push([outcome.id ?? "", String(job.operation === "insert"), ...row]);
    else {
      job.numberRecordsFailed++;
      const e = outcome.errors[0]!;
      job.failed.push([outcome.id ?? "", `${e.statusCode}:${e.message}:${e.fields.length > 0 ? e.fields.join(",") : "--"}`, ...row]);
    }
  });
  job.state = "JobComplete";
}

/** A result CSV (header and rows, LF). */
export function resultCsv(header: readonly string[], rows: readonly string[][]): string {
  return stringify([header, ...rows], { record_delimiter: "\n", quoted: true });
}
