import type { SalesforceErrorCode } from "../error-codes.js";
import { RetryableError, type MemberResult } from "@abm-kit/destinations";
import { errorsOf } from "../http/error-array.js";
import { salesforceRequest, type SalesforceContext } from "../http/salesforce-request.js";
import { COLLECTIONS_MAX_RECORDS } from "../settings.js";
import { recordResults } from "./record-result.js";
import type { RecordRow, WriteJob } from "./write-job.js";

interface SaveResult {
  success?: unknown;
  errors?: unknown;
}

/** Splits `items` into chunks of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function sendChunk(ctx: SalesforceContext, job: WriteJob, rows: readonly RecordRow[]) {
  if (job.operation === "delete") {
    const ids = rows.map((r) => String(r.record.Id));
    return salesforceRequest(ctx, { method: "DELETE", path: "/composite/sobjects", query: { ids: ids.join(","), allOrNone: false } });
  }
  const records = rows.map((r) => ({ attributes: { type: job.object }, ...r.record }));
  return salesforceRequest(ctx, { method: job.operation === "insert" ? "POST" : "PATCH", path: "/composite/sobjects", json: { allOrNone: false, records } });
}

/**
 * Writes a job through sObject Collections: requests of at most 200 records
 * (`POST` create, `PATCH` update, `DELETE ?ids=`), `allOrNone: false`, and
 * each record's result (in request order) becomes its members' results.
 */
export async function writeCollections(ctx: SalesforceContext, job: WriteJob): Promise<MemberResult[]> {
  const results: MemberResult[] = [];
  for (const rows of chunks(job.rows, COLLECTIONS_MAX_RECORDS)) {
    const answer = await sendChunk(ctx, job, rows);
    const body = answer.body;
    if (!Array.isArray(body) || body.length !== rows.length) {
      throw new RetryableError<SalesforceErrorCode>(
        "MALFORMED_RESPONSE",
        `${answer.what} returned ${Array.isArray(body) ? body.length : "no"} results for ${rows.length} records`,
        { status: answer.status },
      );
    }
    rows.forEach((row, i) => {
      const result = (body[i] ?? {}) as SaveResult;
      results.push(...recordResults(row.memberIds, result.success === true, errorsOf(result.errors), job.doneCodes));
    });
  }
  return results;
}
