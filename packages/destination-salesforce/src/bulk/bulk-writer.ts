import type { SalesforceErrorCode } from "../error-codes.js";
import { AuthExpiredError, RetryableError, type MemberResult } from "@abm-kit/destinations";
import type { SalesforceError } from "../http/error-array.js";
import { salesforceRequest, type SalesforceContext } from "../http/salesforce-request.js";
import { recordResults, unanswered } from "../write/record-result.js";
import type { RecordRow, WriteJob } from "../write/write-job.js";
import { bulkCsv, parseResultCsv } from "./bulk-csv.js";
import { forgetProgress, progressOf, type JobProgress } from "./job-progress.js";

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
  return {
    errorCode: (code ?? "").trim() || "UNKNOWN_ERROR",
    message: rest.join(":").trim().slice(0, 300),
    ...(fields !== "" ? { fields: fields.split(",") } : {}),
  };
}

async function createJob(ctx: SalesforceContext, job: WriteJob): Promise<string> {
  const answer = await salesforceRequest(ctx, {
    method: "POST",
    path: "/jobs/ingest",
    json: { object: job.object, operation: job.operation, contentType: "CSV", lineEnding: "LF", columnDelimiter: "COMMA" },
  });
  const info = (answer.body ?? {}) as JobInfo;
  if (typeof info.id !== "string" || info.id === "")
    throw new RetryableError<SalesforceErrorCode>("MALFORMED_RESPONSE", `${answer.what} returned no job id`, { status: answer.status });
  return info.id;
}

async function waitForJob(ctx: SalesforceContext, id: string): Promise<JobInfo> {
  const { bulkPollIntervalMs, bulkPollMaxIntervalMs, bulkPollTimeoutMs } = ctx.settings;
  let waited = 0;
  let wait = bulkPollIntervalMs;
  for (;;) {
    const answer = await salesforceRequest(ctx, { method: "GET", path: `/jobs/ingest/${id}` });
    const info = (answer.body ?? {}) as JobInfo;
    if (typeof info.state !== "string")
      throw new RetryableError<SalesforceErrorCode>("MALFORMED_RESPONSE", `${answer.what} returned no job state`, { status: answer.status });
    if (FINISHED.has(info.state)) return info;
    if (waited >= bulkPollTimeoutMs)
      throw new RetryableError<SalesforceErrorCode>(
        "SALESFORCE_BULK_TIMEOUT",
        `Bulk job ${id} was still ${info.state} after ${waited} ms of polling (setting bulkPollTimeoutMs)`,
      );
    await ctx.sleep(wait, ctx.signal);
    waited += wait;
    wait = Math.min(bulkPollMaxIntervalMs, Math.max(1, wait * 2));
  }
}

async function results(ctx: SalesforceContext, id: string, kind: "successfulResults" | "failedResults" | "unprocessedrecords", required: readonly string[]) {
  const answer = await salesforceRequest(ctx, { method: "GET", path: `/jobs/ingest/${id}/${kind}/`, headers: { accept: "text/csv" }, accept: [200] });
  const type = answer.headers.get("content-type") ?? "";
  const rows = type.startsWith("text/csv") ? parseResultCsv(answer.text, required) : undefined;
  if (rows === undefined)
    throw new RetryableError<SalesforceErrorCode>("MALFORMED_RESPONSE", `${answer.what} did not return the job's ${kind} as CSV`, { status: answer.status });
  return rows;
}

/** True for a failure that means the service did not take the request (an expired session, a 429). */
function refusedBeforeApplying(error: unknown): boolean {
  return error instanceof AuthExpiredError || (error instanceof RetryableError && error.status === 429);
}

/** Gives up a job whose upload may or may not have arrived (best effort: it is never closed, so it never runs). */
async function abandon(ctx: SalesforceContext, id: string): Promise<void> {
  await salesforceRequest(ctx, { method: "PATCH", path: `/jobs/ingest/${id}`, json: { state: "Aborted" }, accept: [400, 404, 409] }).catch(() => undefined);
}

async function closeJob(ctx: SalesforceContext, id: string, progress: JobProgress): Promise<void> {
  if (progress.closeSent) {
    // the earlier UploadComplete may have arrived: look before sending it again
    const answer = await salesforceRequest(ctx, { method: "GET", path: `/jobs/ingest/${id}` });
    const state = (answer.body as JobInfo | undefined)?.state;
    if (typeof state !== "string")
      throw new RetryableError<SalesforceErrorCode>("MALFORMED_RESPONSE", `${answer.what} returned no job state`, { status: answer.status });
    if (state !== "Open") return void (progress.closed = true);
  }
  progress.closeSent = true;
  await salesforceRequest(ctx, { method: "PATCH", path: `/jobs/ingest/${id}`, json: { state: "UploadComplete" } });
  progress.closed = true;
}

/**
 * Writes a job through one Bulk API 2.0 ingest job: create it (`POST
 * /jobs/ingest`, CSV, LF), upload the CSV once (`PUT …/batches`), close it
 * (`PATCH {state: UploadComplete}`), poll it with growing waits until it is
 * complete, then read its successful, failed and unprocessed records back
 * into one result per member. When a step fails and the runtime retries the
 * batch, the same job is taken up where it stopped (an upload whose outcome
 * is unknown gives the job up for a new one; a close whose outcome is unknown
 * reads the job's state first). A job that failed as a whole is retried as a
 * new job; the operations are idempotent (a member added twice is
 * `DUPLICATE_VALUE`, a field set twice holds the same value).
 */
export async function writeBulk(ctx: SalesforceContext, job: WriteJob, key: string): Promise<MemberResult[]> {
  const progress = progressOf(ctx.signal, key);
  if (progress.jobId !== undefined && progress.uploadSent && !progress.uploaded) {
    await abandon(ctx, progress.jobId);
    Object.assign(progress, { jobId: undefined, uploadSent: false, closeSent: false, closed: false, results: {} });
  }
  progress.jobId ??= await createJob(ctx, job);
  const id = progress.jobId;
  if (!progress.uploaded) {
    const csv = await bulkCsv(job.rows, ctx.settings.stagingDirectory);
    progress.uploadSent = true;
    try {
      await salesforceRequest(ctx, { method: "PUT", path: `/jobs/ingest/${id}/batches`, text: csv, headers: { "content-type": "text/csv" } });
    } catch (error) {
      // refused outright (expired session, rate limited): the job holds no data and can take the upload again
      if (refusedBeforeApplying(error)) progress.uploadSent = false;
      throw error;
    }
    progress.uploaded = true;
  }
  if (!progress.closed) await closeJob(ctx, id, progress);
  const info = await waitForJob(ctx, id);
  if (info.state !== "JobComplete") {
    forgetProgress(ctx.signal, key);
    const why = typeof info.errorMessage === "string" ? info.errorMessage.slice(0, 300) : "no reason given";
    if (info.state === "Aborted") throw new RetryableError<SalesforceErrorCode>("SALESFORCE_BULK_ABORTED", `Bulk job ${id} was aborted (${why})`);
    throw new RetryableError<SalesforceErrorCode>("SALESFORCE_BULK_FAILED", `Bulk job ${id} failed (${why})`);
  }
  const read = async (kind: "successfulResults" | "failedResults" | "unprocessedrecords", required: readonly string[]) =>
    (progress.results[kind] ??= await results(ctx, id, kind, required));
  const successful = await read("successfulResults", ["sf__Id", "sf__Created"]);
  const failed = await read("failedResults", ["sf__Id", "sf__Error"]);
  const unprocessed = await read("unprocessedrecords", []);
  forgetProgress(ctx.signal, key);

  const byKey = new Map<string, RecordRow>(job.rows.map((row) => [job.keyOf(row.record), row]));
  const answered = new Set<string>();
  const out: MemberResult[] = [];
  const take = (rows: Record<string, string>[], each: (row: RecordRow, csv: Record<string, string>) => MemberResult[]) => {
    for (const csvRow of rows) {
      const rowKey = job.keyOf(csvRow);
      const row = byKey.get(rowKey);
      if (row === undefined || answered.has(rowKey)) continue;
      answered.add(rowKey);
      out.push(...each(row, csvRow));
    }
  };
  take(successful, (row) => recordResults(row.memberIds, true, [], undefined));
  take(failed, (row, csv) => recordResults(row.memberIds, false, [bulkError(csv.sf__Error ?? "")], job.doneCodes));
  take(unprocessed, (row) => unanswered(row.memberIds, `Bulk job ${id} did not process this record`));
  for (const [rowKey, row] of byKey) if (!answered.has(rowKey)) out.push(...unanswered(row.memberIds, `Bulk job ${id} reported nothing for this record`));
  return out;
}
