import { createHash } from "node:crypto";
import type { StagedFile } from "../../definition/destination-definition.js";
import type { ObjectCheck } from "./object-store.js";

/** The SHA-256 (hex) and length of a stream's bytes. */
export async function sha256OfStream(stream: AsyncIterable<Uint8Array | string>): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    hash.update(buffer);
    bytes += buffer.length;
  }
  return { sha256: hash.digest("hex"), bytes };
}

/**
 * Checks an object read back from a store against the staged file: its
 * length and its SHA-256 against the one the manifest records. For stores
 * that keep no checksum of their own (SFTP), or when reading back is cheaper
 * than trusting one.
 */
export async function sha256Check(read: AsyncIterable<Uint8Array | string>, file: Pick<StagedFile, "bytes" | "sha256">): Promise<ObjectCheck> {
  const got = await sha256OfStream(read);
  if (got.bytes !== file.bytes) return { ok: false, problem: `the object holds ${got.bytes} bytes, the file ${file.bytes}` };
  if (got.sha256 !== file.sha256) return { ok: false, problem: "the object's bytes do not match the file's SHA-256" };
  return { ok: true, by: "sha256" };
}
