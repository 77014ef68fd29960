import type { FaultSchedule } from "@abm-kit/destinations/testing";

/**
 * A fault the test server injects into one request. `apply: true`: the
 * store processes the request and the fault hits the answer (the client
 * cannot know it succeeded); `apply: false`: it never reaches the store.
 */
export type S3Fault =
  /** 503 SlowDown, S3's answer to too high a request rate. */
  | { readonly kind: "slowDown" }
  /** 500 InternalError or 503 ServiceUnavailable. */
  | { readonly kind: "serverError"; readonly status: 500 | 503; readonly apply: boolean }
  /** The connection is reset; before apply, halfway through the request body (a part cut off mid-upload). */
  | { readonly kind: "reset"; readonly apply: boolean }
  /** No answer ever comes; the client's timeout must fire. */
  | { readonly kind: "timeout"; readonly apply: boolean }
  /** 200 with a cut-off XML body and no ETag. */
  | { readonly kind: "malformed"; readonly apply: boolean }
  /** 400 ExpiredToken, as for temporary credentials past their expiry. */
  | { readonly kind: "expiredToken" };

/** An S3 request as a fault schedule sees it. */
export interface S3RequestInfo {
  readonly method: string;
  readonly path: string;
  /** The S3 operation (`PutObject`, `UploadPart`, `CompleteMultipartUpload`, …). */
  readonly operation: string;
}

/** Picks the fault (if any) for the `index`-th request (0-based). */
export type S3FaultSchedule = (index: number, request: S3RequestInfo) => S3Fault | undefined;

/** No faults. */
export const noS3Faults: S3FaultSchedule = () => undefined;

/**
 * The S3 form of a conformance-kit fault schedule (`@abm-kit/destinations/testing`):
 * a 429 becomes 503 SlowDown, a 401 becomes 400 ExpiredToken, 502/504 become
 * 503 ServiceUnavailable; timeouts, resets and malformed bodies stay.
 */
export function s3FaultsFrom(schedule: FaultSchedule): S3FaultSchedule {
  return (index, request) => {
    const fault = schedule(index, { method: request.method, path: request.path });
    if (fault === undefined) return undefined;
    switch (fault.kind) {
      case "rateLimit":
        return { kind: "slowDown" };
      case "expiredToken":
        return { kind: "expiredToken" };
      case "serverError":
        return { kind: "serverError", status: fault.status === 500 ? 500 : 503, apply: fault.apply };
      default:
        return { kind: fault.kind, apply: fault.apply };
    }
  };
}

/** The S3 operation of a path-style request. */
export function s3Operation(method: string, path: string, query: URLSearchParams): string {
  const segments = path.split("/").filter((s) => s !== "");
  if (segments.length === 0) return method === "GET" ? "ListBuckets" : "Unknown";
  if (segments.length === 1) {
    if (method === "GET" && query.has("uploads")) return "ListMultipartUploads";
    if (method === "GET") return query.get("list-type") === "2" ? "ListObjectsV2" : "ListObjects";
    if (method === "HEAD") return "HeadBucket";
    if (method === "PUT") return "CreateBucket";
    if (method === "POST" && query.has("delete")) return "DeleteObjects";
    if (method === "DELETE") return "DeleteBucket";
    return "Unknown";
  }
  const uploadId = query.has("uploadId");
  switch (method) {
    case "PUT":
      return uploadId ? "UploadPart" : "PutObject";
    case "POST":
      return query.has("uploads") ? "CreateMultipartUpload" : uploadId ? "CompleteMultipartUpload" : "Unknown";
    case "DELETE":
      return uploadId ? "AbortMultipartUpload" : "DeleteObject";
    case "GET":
      return uploadId ? "ListParts" : "GetObject";
    case "HEAD":
      return "HeadObject";
    default:
      return "Unknown";
  }
}
