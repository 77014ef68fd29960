import { RetryableError, TerminalError, type MemberResult } from "@abm-kit/destinations";
import type { SalesforceError } from "../http/error-array.js";
import { salesforceRequest, type SalesforceContext } from "../http/salesforce-request.js";
import { recordResults, unanswered } from "../write/record-result.js";
import type { RecordRow, WriteJob } from "../write/write-job.js";
import { bulkCsv, parseResultCsv } from "./bulk-csv.js";

interface JobInfo {
  id?: unknown;
  state?: unknown;
  errorMessage?: unknown;
}

const FINISHED = new Set(["JobComplete", "Failed", "Aborted"]);

/** `ERRORCODE:message:fields` of a failed Bulk row (`sf__Error`). */
export function bulkError(text: string): SalesforceError {
  const [code, ...rest] = text.split(":");
  const fields = rest.length > 1 ? rest.pop()!.replace(/^-+$/, "") : "";
  return { errorCode: (code ?? "").trim() || "UNKNOWN_ERROR", message: rest.join(":").trim().slice(0, 300), ...(fields !== "" ? { fields: fields.split(",") } : {}) };
}

async function createJob(ctx: SalesforceContext, job: WriteJob): Promise<string> {
  const answer = await salesforceRequest(ctx, { method: "POST", path: "/jobs/ingest", json: { object: job.object, operation: job.operation, contentType: "CSV", lineEnding: "LF", columnDelimiter: "COMMA" } });
  const info = (answer.body ?? {}) as JobInfo;
  if (typeof info.id !== "string" || info.id === "") throw new RetryableError("MALFORMED_RESPONSE", `${answer.what} returned no job id`, { status: answer.status });
  return info.id;
}

async function waitForJob(ctx: SalesforceContext, id: string): Promise<JobInfo> {
  const { bulkPollIntervalMs, bulkPollMaxIntervalMs, bulkPollTimeoutMs } = ctx.settings;
  let waited = 0;
  let wait = bulkPollIntervalMs;
  for (;;) {
    const answer = await salesforceRequest(ctx, { method: "GET", path: `/jobs/ingest/${id}` });
    const info = (answer.body ?? {}) as JobInfo;
    if (typeof info.state !== "string") throw new RetryableError("MALFORMED_RESPONSE", `${answer.what} returned no job state`, { status: answer.status });
    if (FINISHED.has(info.state)) return info;
    if (waited >= bulkPollTimeoutMs) throw new RetryableError("SALESFORCE_BULK_TIMEOUT", `Bulk job ${id} was still ${info.state} after ${waited} ms of polling (setting bulkPollTimeoutMs)`);
    await ctx.sleep(wait, ctx.signal);
    waited += wait;
    wait = Math.min(bulkPollMaxIntervalMs, Math.max(1, wait * 2));
  }
}

async function results(ctx: SalesforceContext, id: string, kind: "successfulResults" | "failedResults" | "unprocessedrecords", required: readonly string[]) {
  const answer = await salesforceRequest(ctx, { method: "GET", path: `/jobs/ingest/${id}/${kind}/`, headers: { accept: "text/csv" }, accept: [200] });
  const type = answer.headers.get("content-type") ?? "";
  const rows = type.startsWith("text/csv") ? parseResultCsv(answer.text, required) : undefined;
  if (rows === undefined) throw new RetryableError("MALFORMED_RESPONSE", `${answer.what} did not return the job's ${kind} as CSV`, { status: answer.status });
  return rows;
}

/**
 * Writes a job through one Bulk API 2.0 ingest job: create it (`POST
 * /jobs/ingest`, CSV, LF), upload the CSV once (`PUT …/batches`), close it
 * (`PATCH {state: UploadComplete}`), poll it with growing waits until it is
 * complete, then read its successful, failed and unprocessed records back
 * into one result per member. A job that failed as a whole is retried as a
 * new job by the runtime; the operations are idempotent (a member added twice
 * is `DUPLICATE_VALUE`, a field set twice holds the same value).
 */
export async function writeBulk(ctx: SalesforceContext, job: WriteJob): Promise<MemberResult[]> {
  const csv = await bulkCsv(job.rows, ctx.settings.stagingDirectory);
  const id = await createJob(ctx, job);
  await salesforceRequest(ctx, { method: "PUT", path: `/jobs/ingest/${id}/batches`, text: csv, headers: { "content-type": "text/csv" } });
  await salesforceRequest(ctx, { method: "PATCH", path: `/jobs/ingest/${id}`, json: { state: "UploadComplete" } });
  const info = await waitForJob(ctx, id);
  if (info.state !== "JobComplete") {
    const why = typeof info.errorMessage === "string" ? info.errorMessage.slice(0, 300) : "no reason given";
    if (info.state === "Aborted") throw new TerminalError("SALESFORCE_BULK_ABORTED", `Bulk job ${id} was aborted (${why})`);
    throw new RetryableError("SALESFORCE_BULK_FAILED", `Bulk job ${id} failed (${why})`);
  }
  const byKey = new Map<string, RecordRow>(job.rows.map((row) => [job.keyOf(row.record), row]));
  const answered = new Set<string>();
  const out: MemberResult[] = [];
  const take = (rows: Record<string, string>[], each: (row: RecordRow, csv: Record<string, string>) => MemberResult[]) => {
    for (const csvRow of rows) {
      const key = job.keyOf(csvRow);
      const row = byKey.get(key);
      if (row === undefined || answered.has(key)) continue;
      answered.add(key);
      out.push(...each(row, csvRow));
    }
  };
  const columns = [...new Set(job.rows.flatMap((row) => Object.keys(row.record)))];
  take(await results(ctx, id, "successfulResults", ["sf__Id", "sf__Created", ...columns]), (row) => recordResults(row.memberIds, true, [], undefined));
  take(await results(ctx, id, "failedResults", ["sf__Id", "sf__Error", ...columns]), (row, csv) => recordResults(row.memberIds, false, [bulkError(csv.sf__Error ?? "")], job.doneCodes));
  take(await results(ctx, id, "unprocessedrecords", columns), (row) => unanswered(row.memberIds, `Bulk job ${id} did not process this record`));
  for (const [key, row] of byKey) if (!answered.has(key)) out.push(...unanswered(row.memberIds, `Bulk job ${id} reported nothing for this record`));
  return out;
}
