/**
 * `@abm-kit/destination-gcs/testing`: a local server of the Google Cloud
 * Storage JSON API (uploads — simple, multipart, resumable —, list, get,
 * delete) with its own OAuth token endpoint and service account, that
 * rejects what GCS rejects and injects faults, for this package's tests and yours.
 * @packageDocumentation
 */
export { startGcsServer, type GcsServerOptions, type GcsTestServer, type StoredObject, type UploadSession, type GcsRequestLogEntry } from "./gcs-server.js";
export { noGcsFaults, gcsFaultsFrom, type GcsFaultSchedule, type GcsOperation, type GcsRequestInfo } from "./gcs-faults.js";
export { createTestServiceAccount, type TestServiceAccount } from "./test-service-account.js";
export { checkAssertion, type AssertionExpectations, type TokenRefusal } from "./jwt-check.js";
export { crc32cBase64 } from "./crc32c.js";
export { parseMultipartRelated, type MultipartUpload } from "./multipart-related.js";
export { gcsError, type GcsErrorBody, type GcsErrorResponse } from "./gcs-error-envelope.js";
