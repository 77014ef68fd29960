import type { FaultSchedule } from "@abm-kit/destinations/testing";

/**
 * A fault the test server injects into one SFTP request. `apply: true`: the
 * server carries the request out and the fault hits the answer (the client
 * cannot know it succeeded); `apply: false`: it is never carried out.
 */
export type SftpFault =
  /** `SSH_FX_FAILURE`, the generic error a server gives for a failed operation (a full disk, a busy server). */
  | { readonly kind: "failure"; readonly apply: boolean }
  /** The TCP connection is dropped. */
  | { readonly kind: "drop"; readonly apply: boolean }
  /** No answer ever comes; the client's timeout must fire. */
  | { readonly kind: "hang"; readonly apply: boolean };

/** An SFTP request as a fault schedule sees it. */
export interface SftpRequestInfo {
  /** The SFTP request type (`OPEN`, `WRITE`, `RENAME`, `STAT`, …). */
  readonly operation: string;
  /** The path it names (for handle operations: the path the handle was opened on). */
  readonly path: string;
}

/** Picks the fault (if any) for the `index`-th SFTP request (0-based, counted across connections). */
export type SftpFaultSchedule = (index: number, request: SftpRequestInfo) => SftpFault | undefined;

/** No faults. */
export const noSftpFaults: SftpFaultSchedule = () => undefined;

/**
 * The SFTP form of a conformance-kit fault schedule (`@abm-kit/destinations/testing`).
 * SFTP has no rate-limit or token answers: a 429 or a 5xx becomes
 * `SSH_FX_FAILURE`, an expired token and a malformed answer become a dropped
 * connection (assumption: what a server that restarts or kills the session
 * does), a timeout stays a request left unanswered, a reset a dropped connection.
 */
export function sftpFaultsFrom(schedule: FaultSchedule): SftpFaultSchedule {
  return (index, request) => {
    const fault = schedule(index, { method: request.operation, path: request.path });
    if (fault === undefined) return undefined;
    switch (fault.kind) {
      case "rateLimit":
        return { kind: "failure", apply: false };
      case "serverError":
        return { kind: "failure", apply: fault.apply };
      case "timeout":
        return { kind: "hang", apply: fault.apply };
      case "expiredToken":
        return { kind: "drop", apply: false };
      default:
        return { kind: "drop", apply: fault.apply };
    }
  };
}
