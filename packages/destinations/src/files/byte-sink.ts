import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";
import type { Writable } from "node:stream";
import { finished, pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { atomicFile } from "./atomic-file.js";

/** A file output stream, optionally gzipped, that honours backpressure and reports write errors. */
export class ByteSink {
  private readonly file: WriteStream;
  private readonly head: Writable;
  /** Settles when the file is flushed, or rejects with the first error of any stream. */
  private readonly done: Promise<void>;

  constructor(path: string, gzip: boolean) {
    this.file = createWriteStream(path, { flags: "w" });
    if (gzip) {
      const gz = createGzip();
      this.head = gz;
      this.done = pipeline(gz, this.file);
    } else {
      this.head = this.file;
      this.done = finished(this.file);
    }
    // awaited by write, close and abort; this keeps an early failure from being unhandled
    this.done.catch(() => undefined);
  }

  /** Writes a chunk; resolves once the stream can take more, rejects once a stream failed. */
  async write(chunk: string | Uint8Array): Promise<void> {
    if (this.head.destroyed) await this.done;
    if (!this.head.write(chunk)) await Promise.race([once(this.head, "drain"), this.done]);
  }

  /** Ends the stream and waits until the file is flushed. */
  async close(): Promise<void> {
    this.head.end();
    await this.done;
  }

  /** Stops writing and waits until the file is closed (the caller removes it). */
  async abort(): Promise<void> {
    this.head.destroy();
    this.file.destroy();
    await this.done.catch(() => undefined);
  }
}

/** A {@link ByteSink} written atomically: to a temporary file beside `path`, renamed into place on close. */
export interface AtomicSink {
  write(chunk: string | Uint8Array): Promise<void>;
  /** Flushes the file and renames it into place; on failure removes it. */
  close(): Promise<void>;
  /** Stops and removes the temporary file. */
  abort(): Promise<void>;
}

/** Opens an atomic byte sink for `path` (see {@link atomicFile}). */
export function openAtomicSink(path: string, gzip: boolean): AtomicSink {
  const target = atomicFile(path);
  const sink = new ByteSink(target.tempPath, gzip);
  return {
    write: (chunk) => sink.write(chunk),
    async close() {
      try {
        await sink.close();
      } catch (error) {
        await target.discard();
        throw error;
      }
      await target.commit();
    },
    async abort() {
      await sink.abort();
      await target.discard();
    },
  };
}
