import { AbmKitError, type Problem } from "@abm-kit/core";
import type { RunReport } from "./runtime/run-report.js";

/**
 * A destination call failed in a way that may succeed if tried again
 * (HTTP 408/409/423/429/5xx, timeouts, connection resets, malformed bodies,
 * a service's "rate limited" envelope). `retryAfterMs` is the wait the service asked for.
 */
export class RetryableError<Code extends string = string> extends AbmKitError<Code> {
  readonly retryAfterMs: number | undefined;
  readonly status: number | undefined;
  constructor(code: Code, message: string, options: { retryAfterMs?: number; status?: number; cause?: unknown } = {}) {
    super(code, message, [], { cause: options.cause });
    this.retryAfterMs = options.retryAfterMs;
    this.status = options.status;
  }
}

/** The access token was rejected (HTTP 401, Marketo 601/602, Salesforce INVALID_SESSION_ID): refresh it and try once more. */
export class AuthExpiredError extends AbmKitError<"AUTH_EXPIRED"> {
  constructor(message = "the destination rejected the access token", options: { cause?: unknown } = {}) {
    super("AUTH_EXPIRED", message, [], options);
  }
}

/** A destination call failed and trying again will not help (a 4xx other than the retryable ones, a rejected payload). */
export class TerminalError<Code extends string = string> extends AbmKitError<Code> {
  readonly status: number | undefined;
  constructor(code: Code, message: string, options: { status?: number; problems?: readonly Problem[]; cause?: unknown } = {}) {
    super(code, message, options.problems ?? [], { cause: options.cause });
    this.status = options.status;
  }
}

/**
 * An activation stopped before it finished (`ACTIVATION_ABORTED`, or
 * `ADAPTER_FAILED` when an adapter threw an unexpected error). Progress up to
 * the last checkpoint is kept; running the plan again resumes from there.
 * `report` holds what the run did before it stopped.
 */
export class ActivationError extends AbmKitError<"ACTIVATION_ABORTED" | "ADAPTER_FAILED"> {
  readonly report: RunReport | undefined;
  constructor(code: "ACTIVATION_ABORTED" | "ADAPTER_FAILED", message: string, report?: RunReport) {
    super(code, message);
    this.report = report;
  }
}

/** A file name (from a template) would leave the target folder or is otherwise unsafe. */
export class UnsafeFileNameError extends AbmKitError<"UNSAFE_FILE_NAME"> {
  constructor(message: string, problems: readonly Problem[]) {
    super("UNSAFE_FILE_NAME", message, problems);
  }
}

/** True for errors the runtime may retry. */
export function isRetryable(error: unknown): error is RetryableError {
  return error instanceof RetryableError;
}

/**
 * A state store could not give or keep the activation state: `STATE_CORRUPT`
 * (the saved state is not JSON: empty or cut off), `STATE_INVALID` (JSON, but
 * not an activation state; `problems` name each problem under the key),
 * `STATE_UNREADABLE` or `STATE_UNWRITABLE` (the file system refused),
 * `STATE_KEY_INVALID` (the key cannot name a file). `file`
 * is the file, when the store keeps files. The message says how to recover.
 */
export class StateStoreError extends AbmKitError<"STATE_CORRUPT" | "STATE_INVALID" | "STATE_UNREADABLE" | "STATE_UNWRITABLE" | "STATE_KEY_INVALID"> {
  readonly key: string;
  readonly file: string | undefined;
  constructor(
    code: "STATE_CORRUPT" | "STATE_INVALID" | "STATE_UNREADABLE" | "STATE_UNWRITABLE" | "STATE_KEY_INVALID",
    message: string,
    options: { key: string; file?: string; problems?: readonly Problem[]; cause?: unknown },
  ) {
    super(code, message, options.problems ?? [{ path: [options.key], message }], { cause: options.cause });
    this.key = options.key;
    this.file = options.file;
  }
}

/**
 * Thrown by an adapter to end the whole run at once (no retry can help and
 * going on with other audiences is pointless). The runtime keeps progress up
 * to the last checkpoint, finishes the report with status `stopped` and the
 * message among its warnings, sets {@link StopRunError.report} and throws the
 * error on; running again resumes from the checkpoint.
 */
export class StopRunError<Code extends string = string> extends AbmKitError<Code> {
  /** The setting to change, when one is to blame. */
  readonly setting: string | undefined;
  /** What the run did before it stopped (set by the runtime). */
  report: RunReport | undefined;
  /** The report status this stop means. */
  readonly status: "stopped" | "actionRequired" = "stopped";
  constructor(code: Code, message: string, options: { setting?: string; cause?: unknown } = {}) {
    super(code, message, options.setting !== undefined ? [{ path: [options.setting], message }] : [], { cause: options.cause });
    this.setting = options.setting;
  }
}

/**
 * A {@link StopRunError} that the user must act on before the next run (authorise
 * the app again, change a setting, get a permission); the report's status is `actionRequired`.
 */
export class ActionRequiredError<Code extends string = string> extends StopRunError<Code> {
  override readonly status = "actionRequired" as const;
}
