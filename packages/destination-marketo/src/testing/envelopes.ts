import type { ServiceResponse } from "@abm-kit/destinations/testing";

let sequence = 0;
/** A request id like Marketo's (`e42b#14272d07d78`). */
function requestId(): string {
  sequence++;
  return `${(sequence & 0xffff).toString(16)}#${(0x18000000000 + sequence).toString(16)}`;
}

/** A success: HTTP 200 `{ requestId, success: true, result }` (error-codes.md). */
export function ok(result: readonly unknown[], extra: Record<string, unknown> = {}): ServiceResponse {
  return { status: 200, body: { requestId: requestId(), success: true, result, ...extra } };
}

/** A success without a result, as the Asset API answers a search that finds nothing (assumption on the warning's wording). */
export function notFound(): ServiceResponse {
  return { status: 200, body: { requestId: requestId(), success: true, errors: [], warnings: ["No assets found for the given search criteria."] } };
}

/** A response-level error: HTTP 200 `{ requestId, success: false, errors: [{ code, message }] }` with a quoted code (error-codes.md). */
export function fail(code: number, message: string): ServiceResponse {
  return { status: 200, body: { requestId: requestId(), success: false, errors: [{ code: String(code), message }] } };
}

/** A record-level skip: `{ status: "skipped", reasons: [{ code, message }] }` (error-codes.md, record-level errors). */
export function skipped(code: number, message: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...extra, status: "skipped", reasons: [{ code: String(code), message }] };
}
