import type { SftpErrorCode } from "./error-codes.js";
import ssh2 from "ssh2";
import type { SFTPWrapper } from "ssh2";
import { ActionRequiredError, RetryableError } from "@abm-kit/destinations";
import { HostKeyRejectedError, hostKeyFingerprint } from "./host-key.js";
import { toDeliveryError } from "./sftp-error.js";
import type { SftpSettings } from "./settings.js";

/** An open SSH connection with its SFTP channel. */
export interface SftpSession {
  readonly sftp: SFTPWrapper;
  /** Whether the server offers `posix-rename@openssh.com` (rename over an existing file). */
  readonly posixRename: boolean;
  /**
   * Runs one SFTP operation: rejects (with a runtime error: see
   * `toDeliveryError`) when the server answers an error, the connection drops, the run is
   * aborted, or no answer comes within `requestTimeoutMs` (the connection is
   * then closed, so nothing more arrives on it).
   */
  call<T>(operation: string, start: (done: (error: Error | null | undefined, value?: T) => void) => void): Promise<T>;
  end(): void;
}

/**
 * Connects and opens the SFTP channel. The server's host key must be one of
 * `hostKeys` (else {@link HostKeyRejectedError}, before any credential is
 * sent); a refused login is an {@link ActionRequiredError} (`AUTH_FAILED`);
 * anything else (refused connection, timeout, reset) is retried.
 */
export function openSftpSession(settings: SftpSettings, signal: AbortSignal): Promise<SftpSession> {
  const client = new ssh2.Client();
  let presented: string | undefined;
  let rejected = false;
  let closedWith: Error | undefined;
  const closeListeners = new Set<(error: Error) => void>();
  const lost = (error: Error) => {
    closedWith ??= error;
    for (const listener of closeListeners) listener(closedWith);
  };

  return new Promise<SftpSession>((resolve, reject) => {
    const where = `${settings.host}:${settings.port}`;
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener("abort", onAbort);
      client.end();
      reject(error);
    };
    const onAbort = () => fail(new RetryableError<SftpErrorCode>("ABORTED", `connect ${where}: the run was cancelled`));
    signal.addEventListener("abort", onAbort, { once: true });

    client.on("error", (error: Error & { level?: string }) => {
      if (!settled) {
        if (rejected) return fail(new HostKeyRejectedError(where, presented ?? "?"));
        if (error.level === "client-authentication") {
          return fail(
            new ActionRequiredError<SftpErrorCode>(
              "AUTH_FAILED",
              `connect ${where}: the server refused the login of ${settings.username} (check password or privateKey)`,
              { setting: settings.privateKey !== undefined ? "privateKey" : "password" },
            ),
          );
        }
        if (error.level === "client-timeout")
          return fail(new RetryableError<SftpErrorCode>("CONNECT_TIMEOUT", `connect ${where}: no SSH handshake within ${settings.connectTimeoutMs} ms`));
        const code = (error as { code?: unknown }).code;
        return fail(
          new RetryableError<SftpErrorCode>("NETWORK_ERROR", `connect ${where}: ${typeof code === "string" ? `${code}: ` : ""}${error.message.slice(0, 300)}`),
        );
      }
      lost(new RetryableError<SftpErrorCode>("CONNECTION_LOST", `${where}: ${error.message.slice(0, 300)}`));
    });
    client.on("close", () => {
      if (!settled) fail(new RetryableError<SftpErrorCode>("CONNECTION_LOST", `connect ${where}: the server closed the connection`));
      lost(new RetryableError<SftpErrorCode>("CONNECTION_LOST", `${where}: the connection closed`));
    });
    client.on("ready", () => {
      client.sftp((error, sftp) => {
        if (error) return fail(new RetryableError<SftpErrorCode>("SFTP_UNAVAILABLE", `connect ${where}: no SFTP channel: ${error.message.slice(0, 300)}`));
        settled = true;
        signal.removeEventListener("abort", onAbort);
        // pending requests fail with "No response from server" when the channel closes; the stream's error is the same news
        sftp.on("error", (e: Error) => lost(new RetryableError<SftpErrorCode>("CONNECTION_LOST", `${where}: ${e.message.slice(0, 300)}`)));
        const extensions = (sftp as unknown as { _extensions?: Record<string, string> })._extensions ?? {};
        resolve({
          sftp,
          posixRename: extensions["posix-rename@openssh.com"] === "1",
          end: () => client.end(),
          call: <T>(operation: string, start: (done: (error: Error | null | undefined, value?: T) => void) => void) =>
            new Promise<T>((resolveCall, rejectCall) => {
              if (closedWith !== undefined) return rejectCall(closedWith);
              let finished = false;
              const finish = (error: Error | undefined, value?: T) => {
                if (finished) return;
                finished = true;
                clearTimeout(timer);
                closeListeners.delete(onLost);
                signal.removeEventListener("abort", onCallAbort);
                if (error !== undefined) rejectCall(toDeliveryError(error, operation));
                else resolveCall(value as T);
              };
              const onLost = (error: Error) => finish(error);
              const onCallAbort = () => {
                client.end();
                finish(new RetryableError<SftpErrorCode>("ABORTED", `${operation}: the run was cancelled`));
              };
              const timer = setTimeout(() => {
                client.end();
                finish(new RetryableError<SftpErrorCode>("TIMEOUT", `${operation}: no answer within ${settings.requestTimeoutMs} ms`));
              }, settings.requestTimeoutMs);
              closeListeners.add(onLost);
              signal.addEventListener("abort", onCallAbort, { once: true });
              try {
                start((error, value) => finish(error ?? undefined, value));
              } catch (error) {
                finish(error instanceof Error ? error : new Error(String(error)));
              }
            }),
        });
      });
    });

    const pinned = new Set(settings.hostKeys);
    client.connect({
      host: settings.host,
      port: settings.port,
      username: settings.username,
      ...(settings.password !== undefined ? { password: settings.password } : {}),
      ...(settings.privateKey !== undefined ? { privateKey: settings.privateKey } : {}),
      ...(settings.passphrase !== undefined ? { passphrase: settings.passphrase } : {}),
      readyTimeout: settings.connectTimeoutMs,
      keepaliveInterval: 15_000,
      keepaliveCountMax: 3,
      hostVerifier: (key: Buffer) => {
        presented = hostKeyFingerprint(key);
        rejected = !pinned.has(presented);
        return !rejected;
      },
    });
    // SFTP is request / answer: without this, Nagle's algorithm holds each small request for the previous one's ACK
    client.setNoDelay(true);
  });
}
