import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

/** The SHA-256 (hex) and size of a file, read as a stream. */
export async function fileChecksum(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    const buffer = chunk as Buffer;
    hash.update(buffer);
    bytes += buffer.length;
  }
  return { sha256: hash.digest("hex"), bytes };
}
