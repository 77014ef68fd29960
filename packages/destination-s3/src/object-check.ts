import type { HeadObjectCommandOutput } from "@aws-sdk/client-s3";
import type { ObjectDigests } from "./object-digests.js";

/** The user metadata key that holds an object's SHA-256 (hex), as in the manifest: `x-amz-meta-sha256`. */
export const SHA256_METADATA = "sha256";

/** The outcome of checking an uploaded object against the local file. */
export type ObjectCheck =
  | { readonly ok: true; readonly by: "checksum" | "etag" }
  | { readonly ok: false; readonly problem: string; readonly unverifiable?: true };

const MD5_ETAG = /^[0-9a-f]{32}(-\d+)?$/;

/** The part of an S3 checksum value before a composite's `-N`, and N (undefined for a whole-object value). */
function splitComposite(value: string): { digest: string; parts: number | undefined } {
  const match = /^(.*)-(\d+)$/.exec(value);
  return match === null ? { digest: value, parts: undefined } : { digest: match[1]!, parts: Number(match[2]) };
}

function storedChecksum(head: HeadObjectCommandOutput, algorithm: NonNullable<ObjectDigests["checksum"]>["algorithm"]): string | undefined {
  if (algorithm === "SHA256") return head.ChecksumSHA256;
  if (algorithm === "SHA1") return head.ChecksumSHA1;
  return head.ChecksumCRC32;
}

/**
 * Checks a HeadObject answer against what was uploaded: the size, the
 * SHA-256 recorded in the object's metadata, and its content — by the
 * checksum the store kept (whole-object or composite of parts) when it
 * reports one, else by the ETag when it is an MD5 (a single PutObject's, or
 * a multipart `md5-of-part-md5s-N`, or a whole-object MD5 as s3rver gives).
 */
export function checkObject(head: HeadObjectCommandOutput, expected: { readonly bytes: number; readonly sha256: string }, digests: ObjectDigests): ObjectCheck {
  if (head.ContentLength !== expected.bytes) return { ok: false, problem: `the object holds ${head.ContentLength ?? "?"} bytes, the file ${expected.bytes}` };
  const recorded = head.Metadata?.[SHA256_METADATA];
  if (recorded !== expected.sha256) return { ok: false, problem: `the object's recorded SHA-256 is ${recorded === undefined ? "missing" : "another file's"}` };
  const checksum = digests.checksum;
  const stored = checksum === undefined ? undefined : storedChecksum(head, checksum.algorithm);
  if (checksum !== undefined && stored !== undefined) {
    const { digest, parts } = splitComposite(stored);
    const composite = head.ChecksumType === "COMPOSITE" || parts !== undefined;
    const expectedValue = composite ? splitComposite(checksum.composite) : { digest: checksum.full, parts: undefined };
    if (composite && digests.parts === 1 && digest === checksum.full) return { ok: true, by: "checksum" };
    if (digest !== expectedValue.digest || (parts !== undefined && parts !== digests.parts)) {
      return { ok: false, problem: `the object's ${checksum.algorithm} checksum ${stored} does not match the file's` };
    }
    return { ok: true, by: "checksum" };
  }
  const etag = (head.ETag ?? "").replace(/^"|"$/g, "").toLowerCase();
  // S3 does not give SSE-KMS (or SSE-C) objects an MD5 ETag: 32 hex digits that are not the content's MD5.
  const opaqueEtag = head.ServerSideEncryption?.startsWith("aws:kms") === true || head.SSECustomerAlgorithm !== undefined;
  if (opaqueEtag)
    return { ok: false, unverifiable: true, problem: "the store reports no checksum and an SSE-KMS object's ETag is not an MD5: set checksumAlgorithm" };
  if (etag === digests.md5 || etag === digests.multipartEtag) return { ok: true, by: "etag" };
  if (MD5_ETAG.test(etag)) return { ok: false, problem: `the object's ETag ${etag} matches neither the file's MD5 nor its multipart ETag` };
  return { ok: false, unverifiable: true, problem: `the store reports no checksum and its ETag ${JSON.stringify(etag)} is not an MD5: set checksumAlgorithm` };
}
