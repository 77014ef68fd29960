import type { ObjectCheck } from "@abm-kit/destinations";
import type { ObjectDigests } from "./object-digests.js";

/** The custom metadata key that holds an object's SHA-256 (hex), as in the manifest. */
export const SHA256_METADATA = "sha256";

/** The fields of a GCS object resource the check reads (JSON API, Objects resource). */
export interface GcsObjectMetadata {
  readonly size?: string | number;
  readonly crc32c?: string;
  readonly md5Hash?: string;
  readonly metadata?: Readonly<Record<string, unknown>> | null;
}

/**
 * Checks an object resource against the file it came from: the size, the
 * SHA-256 recorded in its custom metadata, its CRC32C (which GCS keeps for
 * every object) and its MD5 when GCS reports one (composite objects have none).
 */
export function checkObject(object: GcsObjectMetadata, expected: { readonly bytes: number; readonly sha256: string }, digests: ObjectDigests): ObjectCheck {
  const size = Number(object.size);
  if (size !== expected.bytes) return { ok: false, problem: `the object holds ${object.size ?? "?"} bytes, the file ${expected.bytes}` };
  const recorded = object.metadata?.[SHA256_METADATA];
  if (recorded !== expected.sha256) return { ok: false, problem: `the object's recorded SHA-256 is ${recorded === undefined ? "missing" : "another file's"}` };
  if (object.crc32c === undefined) return { ok: false, unverifiable: true, problem: "the store reports no CRC32C for the object" };
  if (object.crc32c !== digests.crc32c) return { ok: false, problem: `the object's CRC32C ${object.crc32c} does not match the file's ${digests.crc32c}` };
  if (object.md5Hash !== undefined && object.md5Hash !== digests.md5)
    return { ok: false, problem: `the object's MD5 ${object.md5Hash} does not match the file's` };
  return { ok: true, by: object.md5Hash !== undefined ? "crc32c+md5" : "crc32c" };
}
