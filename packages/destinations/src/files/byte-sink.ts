import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";
import { finished } from "node:stream/promises";
import { createGzip, type Gzip } from "node:zlib";

/** A file output stream, optionally gzipped, that honours backpressure. */
export class ByteSink {
  private readonly file: WriteStream;
  private readonly head: WriteStream | Gzip;

  constructor(path: string, gzip: boolean) {
    this.file = createWriteStream(path, { flags: "w" });
    if (gzip) {
      const gz = createGzip();
      gz.pipe(this.file);
      this.head = gz;
    } else {
      this.head = this.file;
    }
  }

  /** Writes a chunk; resolves once the stream can take more. */
  async write(chunk: string | Uint8Array): Promise<void> {
    if (!this.head.write(chunk)) await once(this.head, "drain");
  }

  /** Ends the stream and waits until the file is flushed. */
  async close(): Promise<void> {
    this.head.end();
    await finished(this.file);
  }
}
