import type { SalesforceErrorCode } from "../error-codes.js";
import { RetryableError } from "@abm-kit/destinations";
import { salesforceRequest, type SalesforceContext } from "../http/salesforce-request.js";

interface QueryAnswer {
  records?: unknown;
  done?: unknown;
  nextRecordsUrl?: unknown;
}

/** Runs a SOQL query (`GET /query?q=…`), following `nextRecordsUrl` until `done`. */
export async function query<T>(ctx: SalesforceContext, soql: string): Promise<T[]> {
  const out: T[] = [];
  let answer = await salesforceRequest(ctx, { method: "GET", path: "/query", query: { q: soql } });
  for (;;) {
    const body = (answer.body ?? {}) as QueryAnswer;
    if (!Array.isArray(body.records))
      throw new RetryableError<SalesforceErrorCode>("MALFORMED_RESPONSE", `${answer.what} returned no records`, { status: answer.status });
    out.push(...(body.records as T[]));
    if (body.done !== false || typeof body.nextRecordsUrl !== "string") return out;
    answer = await salesforceRequest(ctx, { method: "GET", path: body.nextRecordsUrl });
  }
}
