/**
 * `@abm-kit/destination-s3`: audience exports to Amazon S3 and S3-compatible
 * stores — files written by the runtime's writers, uploaded with the AWS SDK
 * (multipart in parallel above a threshold), checked after upload, the
 * manifest last. A local S3-protocol server for tests is under
 * `@abm-kit/destination-s3/testing`.
 * @packageDocumentation
 */
export { s3Destination } from "./s3-destination.js";
export {
  S3SettingsSchema,
  S3CredentialsSchema,
  StorageClassSchema,
  ChecksumAlgorithmSchema,
  ChecksumCalculationSchema,
  MIN_PART_SIZE,
  MAX_PART_SIZE,
  MAX_PARTS,
  type S3Settings,
  type S3SettingsInput,
  type ChecksumAlgorithmSetting,
} from "./settings.js";
export { transferOptions, type TransferOptions, type ObjectChecksumAlgorithm } from "./transfer-options.js";
export { DigestTap, type ObjectDigests } from "./object-digests.js";
export { checkObject, SHA256_METADATA, type ObjectCheck } from "./object-check.js";
export { contentTypeOf } from "@abm-kit/destinations";
export { objectKey, journalKey, JOURNAL_FOLDER, ExportMarkerSchema, type ExportMarker } from "@abm-kit/destinations/internal";
export { partSizeFor } from "./upload-file.js";
export { toDeliveryError } from "./s3-error.js";
export { s3ObjectStore } from "./s3-object-store.js";
export * from "./error-codes.js";
