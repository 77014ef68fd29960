import type { S3Settings } from "./settings.js";

/** A checksum algorithm S3 computes and keeps with each object. */
export type ObjectChecksumAlgorithm = "SHA256" | "SHA1" | "CRC32";

/** The settings whose default depends on whether the target is AWS S3 or another store. */
export interface TransferOptions {
  /** Sent with every PutObject / UploadPart (`undefined`: none). */
  readonly checksumAlgorithm: ObjectChecksumAlgorithm | undefined;
  /** The AWS SDK's request checksum calculation and response validation mode. */
  readonly checksumCalculation: "WHEN_SUPPORTED" | "WHEN_REQUIRED";
  readonly forcePathStyle: boolean;
}

/**
 * Resolves the `auto` settings. On AWS S3 (no `endpoint`) every upload
 * carries a SHA-256 checksum that S3 verifies on receipt and keeps, so the
 * object can be checked against the manifest afterwards. With an `endpoint`
 * (an S3-compatible store) no flexible checksum is sent: several stores
 * reject the `x-amz-checksum-*` headers or store the SDK's `aws-chunked`
 * framing inside the object; the object is checked by its ETag (MD5) instead.
 */
export function transferOptions(settings: S3Settings): TransferOptions {
  const aws = settings.endpoint === undefined;
  const algorithm = settings.checksumAlgorithm === "auto" ? (aws ? "SHA256" : "none") : settings.checksumAlgorithm;
  const calculation = settings.checksumCalculation === "auto" ? (aws ? "WHEN_SUPPORTED" : "WHEN_REQUIRED") : settings.checksumCalculation;
  return {
    checksumAlgorithm: algorithm === "none" ? undefined : algorithm,
    checksumCalculation: calculation,
    forcePathStyle: settings.forcePathStyle ?? !aws,
  };
}
