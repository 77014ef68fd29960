import { randomBytes } from "node:crypto";
import { open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * A file written under a temporary name in its target's folder and renamed
 * into place once whole, so the target path never holds half a file: it holds
 * the previous file (or nothing) until the rename, then the new one.
 */
export interface AtomicFile {
  /** Where the file ends up. */
  readonly path: string;
  /** Where it is written meanwhile: `.<name>.<12 hex>.tmp` beside the target. */
  readonly tempPath: string;
  /** Flushes the temporary file to disk and renames it over the target; on failure removes it. */
  commit(): Promise<void>;
  /** Removes the temporary file (nothing happens when it is gone already). */
  discard(): Promise<void>;
}

/** How much of the target's name the temporary name keeps (UTF-8 bytes), so it stays under the 255-byte name limit. */
const NAME_BYTES = 100;

/** `name` cut to at most `max` UTF-8 bytes, on a code point boundary. */
function cutToBytes(name: string, max: number): string {
  let bytes = 0;
  let out = "";
  for (const char of name) {
    bytes += Buffer.byteLength(char, "utf8");
    if (bytes > max) break;
    out += char;
  }
  return out;
}

/** The temporary name of a target in the same folder (a hidden name with a random part). */
export function temporaryPathOf(path: string): string {
  return join(dirname(path), `.${cutToBytes(basename(path), NAME_BYTES)}.${randomBytes(6).toString("hex")}.tmp`);
}

/** Starts an atomic write of `path` (see {@link AtomicFile}). */
export function atomicFile(path: string): AtomicFile {
  const tempPath = temporaryPathOf(path);
  const discard = () => rm(tempPath, { force: true });
  return {
    path,
    tempPath,
    async commit() {
      try {
        const handle = await open(tempPath, "r+");
        try {
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(tempPath, path);
      } catch (error) {
        await discard();
        throw error;
      }
    },
    discard,
  };
}
