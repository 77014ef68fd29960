import type { DestinationsErrorCode } from "../../error-codes.js";
import { AbmKitError } from "@abm-kit/core";
import type { StagedFile } from "../../definition/destination-definition.js";
import { RetryableError, TerminalError } from "../../errors.js";
import type { ObjectStore } from "./object-store.js";

/** `error` as the runtime needs it: a runtime error as it is, anything else through the store's `toDeliveryError`. */
export function classified<R>(store: ObjectStore<R>, error: unknown, operation: string): Error {
  return error instanceof AbmKitError ? error : store.toDeliveryError(error, operation);
}

/**
 * Delivers one staged file to `key` of a store:
 *
 * 1. an object already there that checks out against the file (a resumed
 *    run's) is kept, not uploaded again;
 * 2. partial uploads of the key (a crashed run's parts, blocks or temporary
 *    files) are removed;
 * 3. the file is put; when that fails, its partial upload is removed and the
 *    store's classification of the failure is thrown;
 * 4. the stored object is checked against the file: missing or different is
 *    retried, unverifiable stops the run.
 *
 * The staged file is left in place (removed once the whole delivery of the
 * file succeeded, so a retried delivery can still read it).
 */
export async function deliverToObjectStore<R>(store: ObjectStore<R>, key: string, file: StagedFile, signal: AbortSignal): Promise<void> {
  const existing = await store.check(key, file, undefined, signal);
  if (existing?.ok === true) return;

  await store.abortPartial(key, signal);
  let receipt: R;
  try {
    receipt = await store.put(key, file, signal);
  } catch (error) {
    if (!signal.aborted) await store.abortPartial(key, signal).catch(() => undefined);
    throw classified(store, error, `upload ${key}`);
  }

  const check = await store.check(key, file, receipt, signal);
  if (check === undefined)
    throw new RetryableError<DestinationsErrorCode>("OBJECT_MISSING", `upload ${key}: the store does not hold the object after the upload`);
  if (!check.ok) {
    if (check.unverifiable) throw new TerminalError<DestinationsErrorCode>("OBJECT_UNVERIFIABLE", `upload ${key}: ${check.problem}`);
    throw new RetryableError<DestinationsErrorCode>("OBJECT_MISMATCH", `upload ${key}: ${check.problem}`);
  }
}
