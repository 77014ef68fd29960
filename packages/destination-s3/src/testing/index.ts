/**
 * `@abm-kit/destination-s3/testing`: a local S3-protocol server for tests
 * (s3rver behind a gateway that checks signatures and checksums like S3 and
 * injects faults), for this package's tests and yours.
 * @packageDocumentation
 */
export { startS3Server, type S3ServerOptions, type S3TestServer, type StoredObject } from "./s3-server.js";
export { noS3Faults, s3FaultsFrom, s3Operation, type S3Fault, type S3FaultSchedule, type S3RequestInfo } from "./s3-faults.js";
export type { S3RequestLogEntry, StoredObjectEvent } from "./s3-gateway.js";
export type { TestCredentials } from "./sigv4.js";
export { checkSignature, sigV4Signature, type CredentialLookup, type SignedRequest } from "./sigv4.js";
export { decodeAwsChunked, type DecodedChunkedBody } from "./aws-chunked.js";
export type { S3ErrorAnswer } from "./s3-error-xml.js";
