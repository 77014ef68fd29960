import type { SftpErrorCode } from "./error-codes.js";
import { AbmKitError } from "@abm-kit/core";
import { RetryableError, TerminalError } from "@abm-kit/destinations";

/** SFTP status codes (draft-ietf-secsh-filexfer-02, section 7). */
export const SFTP_STATUS = {
  OK: 0,
  EOF: 1,
  NO_SUCH_FILE: 2,
  PERMISSION_DENIED: 3,
  FAILURE: 4,
  BAD_MESSAGE: 5,
  NO_CONNECTION: 6,
  CONNECTION_LOST: 7,
  OP_UNSUPPORTED: 8,
} as const;
const NAMES = Object.fromEntries(Object.entries(SFTP_STATUS).map(([name, code]) => [code, name])) as Record<number, string>;

const MAX_MESSAGE = 300;

/** The SFTP status code of an ssh2 SFTP error, if it is one. */
export function sftpStatusOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "number" ? code : undefined;
}

/** True for "no such file": a missing object, not a failure. */
export const isMissing = (error: unknown) => sftpStatusOf(error) === SFTP_STATUS.NO_SUCH_FILE;

/**
 * What an SFTP (or connection) failure means to the runtime: permission
 * denied, no such file and unsupported operations stop the file
 * ({@link TerminalError}); a generic failure, a bad message, a lost
 * connection, a timeout or a reset is retried ({@link RetryableError}) on a
 * new connection. Messages carry the operation and the server's status,
 * never credentials.
 */
export function toDeliveryError(error: unknown, operation: string): Error {
  if (error instanceof AbmKitError) return error;
  const detail = (error instanceof Error ? error.message : String(error)).slice(0, MAX_MESSAGE);
  const status = sftpStatusOf(error);
  if (status !== undefined) {
    const name = NAMES[status] ?? `STATUS_${status}`;
    const message = `${operation}: SFTP ${name}: ${detail}`;
    if (status === SFTP_STATUS.PERMISSION_DENIED || status === SFTP_STATUS.NO_SUCH_FILE || status === SFTP_STATUS.OP_UNSUPPORTED)
      return new TerminalError<SftpErrorCode>(name, message);
    return new RetryableError<SftpErrorCode>(name, message);
  }
  const code = (error as { code?: unknown } | null)?.code;
  return new RetryableError<SftpErrorCode>("NETWORK_ERROR", `${operation}: ${typeof code === "string" ? `${code}: ` : ""}${detail}`);
}
