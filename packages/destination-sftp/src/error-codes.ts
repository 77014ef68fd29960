import type { ErrorCodeOf } from "@abm-kit/core";

/** Every `code` of an error `@abm-kit/destination-sftp` raises (besides the runtime's), with what it means. */
export const SFTP_ERROR_CODES = {
  HOST_KEY_REJECTED:
    "The server presented a host key that is not among the pinned `hostKeys`; no credential was sent (`HostKeyRejectedError`, an `ActionRequiredError`).",
  AUTH_FAILED: "The server refused the login (check `password` or `privateKey`) (`ActionRequiredError`).",
  CONNECT_TIMEOUT: "No SSH handshake within `connectTimeoutMs` (`RetryableError`).",
  SFTP_UNAVAILABLE: "The server opened no SFTP channel (`RetryableError`).",
  CONNECTION_LOST: "The connection broke or closed (`RetryableError`); also the SFTP status of that name.",
  TIMEOUT: "An SFTP operation got no answer within `requestTimeoutMs` (`RetryableError`).",
  ABORTED: "The run was cancelled during a connection or an operation (`RetryableError`).",
  NETWORK_ERROR: "The connection failed (a reset, a refused connection, an unknown host) (`RetryableError`).",
  "<SFTP status name>":
    "The SFTP status the server answered (`STATUS_<n>` for an unknown number): `PERMISSION_DENIED`, `NO_SUCH_FILE` and `OP_UNSUPPORTED` are terminal (`TerminalError`), `FAILURE`, `BAD_MESSAGE`, `NO_CONNECTION`, `EOF` and the others retryable (`RetryableError`).",
} as const;
/** A code of an error `@abm-kit/destination-sftp` raises. */
export type SftpErrorCode = ErrorCodeOf<typeof SFTP_ERROR_CODES>;
