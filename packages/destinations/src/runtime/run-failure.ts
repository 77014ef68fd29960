import { AbmKitError } from "@abm-kit/core";
import { ActivationError, RetryableError, StopRunError, TerminalError } from "../errors.js";
import type { Redactor } from "./redactor.js";
import type { RunReport } from "./run-report.js";

/** The status a run's report ends with when `error` ended it. */
export function statusOfFailedRun(error: unknown): RunReport["status"] {
  return error instanceof StopRunError ? error.status : "aborted";
}

/**
 * The error `activate` raises after `error` ended a run, with secrets removed:
 * an adapter's {@link StopRunError} again, carrying the partial report; an
 * {@link ActivationError} as it is; `ACTIVATION_ABORTED` when the run was
 * cancelled; other typed errors (unsafe file names, invalid options, state store
 * failures, an adapter's own) with their type; anything else as `ADAPTER_FAILED`.
 */
export function errorOfFailedRun(error: unknown, partial: RunReport, signal: AbortSignal, redactor: Redactor): Error {
  if (error instanceof StopRunError) {
    const stopped = redactor.error(error);
    stopped.report = partial;
    return stopped;
  }
  if (error instanceof ActivationError) return error;
  if (signal.aborted)
    return new ActivationError("ACTIVATION_ABORTED", "the activation was aborted; running it again resumes from the last checkpoint", partial);
  if (error instanceof AbmKitError && !(error instanceof TerminalError) && !(error instanceof RetryableError)) return redactor.error(error);
  const message = error instanceof Error ? error.message : String(error);
  return new ActivationError(
    "ADAPTER_FAILED",
    redactor.text(`the destination adapter failed: ${message}; running again resumes from the last checkpoint`),
    partial,
  );
}
