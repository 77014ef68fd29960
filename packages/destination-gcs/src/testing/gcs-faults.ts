import type { Fault, FaultSchedule } from "@abm-kit/destinations/testing";

/** The JSON API operations the test server tells apart. */
export type GcsOperation =
  | "token"
  | "insert.media"
  | "insert.multipart"
  | "resumable.initiate"
  | "resumable.chunk"
  | "resumable.status"
  | "resumable.cancel"
  | "objects.list"
  | "objects.get"
  | "objects.media"
  | "objects.delete"
  | "unknown";

/** A request as a fault schedule sees it. */
export interface GcsRequestInfo {
  readonly method: string;
  readonly path: string;
  readonly operation: GcsOperation;
  /** The object name, when the request names one. */
  readonly object?: string;
  /** The Content-Range of a resumable chunk. */
  readonly contentRange?: string;
}

/**
 * Picks the fault (if any) for the `index`-th request (0-based). The faults
 * of the destinations' harness: 429, 5xx, timeouts, connection resets and
 * unreadable answers before or after the server applied the request (a reset
 * after apply on a chunk: the server stored it, the client never heard), and
 * an expired token (401).
 */
export type GcsFaultSchedule = (index: number, request: GcsRequestInfo) => Fault | undefined;

/** No faults. */
export const noGcsFaults: GcsFaultSchedule = () => undefined;

/** A harness fault schedule (conformance kit) as a GCS one. */
export function gcsFaultsFrom(schedule: FaultSchedule): GcsFaultSchedule {
  return (index, request) => schedule(index, request);
}
