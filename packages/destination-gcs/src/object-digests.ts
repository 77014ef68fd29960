import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { CRC32C } from "@google-cloud/storage";

/** What GCS keeps of an object's content, computed locally: its CRC32C and MD5 (base64, as in object metadata) and length. */
export interface ObjectDigests {
  readonly crc32c: string;
  readonly md5: string;
  readonly bytes: number;
}

/** Digests of bytes fed in order. */
export class DigestAccumulator {
  readonly #crc = new CRC32C();
  readonly #md5 = createHash("md5");
  #bytes = 0;

  update(chunk: Buffer): void {
    this.#crc.update(chunk);
    this.#md5.update(chunk);
    this.#bytes += chunk.length;
  }

  digests(): ObjectDigests {
    return { crc32c: this.#crc.toString(), md5: this.#md5.copy().digest("base64"), bytes: this.#bytes };
  }
}

/** The CRC32C, MD5 and length of a buffer. */
export function digestBuffer(bytes: Buffer): ObjectDigests {
  const acc = new DigestAccumulator();
  acc.update(bytes);
  return acc.digests();
}

/** The CRC32C, MD5 and length of a local file, read once. */
export async function digestFile(path: string): Promise<ObjectDigests> {
  const acc = new DigestAccumulator();
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) acc.update(chunk as Buffer);
  return acc.digests();
}
