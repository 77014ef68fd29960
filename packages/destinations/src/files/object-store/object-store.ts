import type { StagedFile } from "../../definition/destination-definition.js";

/** The outcome of checking a stored object against the local file it came from. */
export type ObjectCheck = { readonly ok: true; readonly by: string } | { readonly ok: false; readonly problem: string; readonly unverifiable?: true };

/**
 * What a file store (an object store, a blob container, an SFTP folder)
 * implements so the shared object-store delivery can upload exports to it:
 * put a staged file under a key, check what is stored against the file, list,
 * read and write small text objects, delete, and abort a partial upload.
 *
 * Keys are `/`-separated paths relative to the store's root (bucket,
 * container, remote folder). `Receipt` is what `put` learned while sending the
 * file (digests computed on the way, say) that `check` can compare with what
 * the store reports; `void` when `check` needs nothing from the upload.
 *
 * Every method takes the run's abort signal. Failures other than "no such
 * object" (which the methods report as `undefined` / `false` / nothing) throw;
 * a thrown runtime error (`RetryableError`, `AuthExpiredError`,
 * `TerminalError`, `StopRunError`) reaches the runtime as it is, anything else
 * goes through `toDeliveryError` first. Messages never carry credentials.
 */
export interface ObjectStore<Receipt = void> {
  /**
   * Checks the object at `key` against `file` (size and content, by the
   * store's checksum or by reading the bytes back against the file's
   * SHA-256). `receipt` is `put`'s answer right after an upload, `undefined`
   * for an object a previous run may have left. `undefined` when no object is
   * there.
   */
  check(key: string, file: StagedFile, receipt: Receipt | undefined, signal: AbortSignal): Promise<ObjectCheck | undefined>;
  /**
   * Uploads `file` to `key` so that a reader sees either the whole object or
   * none (one request, a multipart / block upload committed at the end, or a
   * temporary name renamed into place). Leaves no partial upload behind when
   * it can help it; `abortPartial` removes what a crash left.
   */
  put(key: string, file: StagedFile, signal: AbortSignal): Promise<Receipt>;
  /** Removes what unfinished uploads of `key` left (multipart parts, uncommitted blocks, temporary files). */
  abortPartial(key: string, signal: AbortSignal): Promise<void>;
  /** The keys of the objects in `folder` (a key prefix ending in `/`). */
  list(folder: string, signal: AbortSignal): Promise<string[]>;
  /** Whether an object is at `key`. */
  exists(key: string, signal: AbortSignal): Promise<boolean>;
  /** A small object's content as UTF-8; `undefined` when there is none. */
  readText(key: string, signal: AbortSignal): Promise<string | undefined>;
  /** Writes a small JSON object in one request. */
  writeText(key: string, text: string, signal: AbortSignal): Promise<void>;
  /** Deletes the object at `key`; a missing one is fine. */
  delete(key: string, signal: AbortSignal): Promise<void>;
  /** What a failure of `operation` that is not yet a runtime error means to the runtime (retry, refresh credentials, or stop). */
  toDeliveryError(error: unknown, operation: string): Error;
  /** Releases connections; called once the delivery step is over, whatever its outcome. */
  close?(): Promise<void>;
}
