/**
 * `@abm-kit/destination-gcs`: audience exports to Google Cloud Storage —
 * files written by the runtime's writers, uploaded with `@google-cloud/storage`
 * (resumable above a threshold, resumed after a crash), checked after upload,
 * the manifest last. A local GCS JSON API server for tests (uploads, listing,
 * reads, deletes, its own OAuth token endpoint, faults) is under
 * `@abm-kit/destination-gcs/testing`.
 * @packageDocumentation
 */
export { gcsDestination } from "./gcs-destination.js";
export {
  GcsSettingsSchema,
  ServiceAccountKeySchema,
  GcsStorageClassSchema,
  CHUNK_GRANULARITY,
  MAX_OBJECT_BYTES,
  MAX_SINGLE_REQUEST_BYTES,
  STORAGE_SCOPE,
  GOOGLE_TOKEN_URI,
  GCS_API_ENDPOINT,
  type GcsSettings,
  type GcsSettingsInput,
  type ServiceAccountKey,
} from "./settings.js";
export { resolveCredentials, serviceAccountToken, tokenUriOf } from "./credentials.js";
export { signAssertion, type AssertionClaims } from "./jwt-assertion.js";
export { checkObject, SHA256_METADATA, type GcsObjectMetadata } from "./object-check.js";
export { digestFile, digestBuffer, DigestAccumulator, type ObjectDigests } from "./object-digests.js";
export * from "./error-codes.js";
export { toDeliveryError } from "./gcs-error.js";
export { gcsObjectStore } from "./gcs-object-store.js";
export { SESSIONS_FOLDER } from "./resumable-sessions.js";
