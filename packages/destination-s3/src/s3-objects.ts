import type { S3ErrorCode } from "./error-codes.js";
import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type HeadObjectCommandOutput,
  type S3Client,
} from "@aws-sdk/client-s3";
import { RetryableError } from "@abm-kit/destinations";
import { toDeliveryError } from "./s3-error.js";

const statusOf = (error: unknown) => (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;

/** HeadObject with checksums asked for; undefined when there is no such object. */
export async function headObject(client: S3Client, bucket: string, key: string, signal: AbortSignal): Promise<HeadObjectCommandOutput | undefined> {
  try {
    return await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key, ChecksumMode: "ENABLED" }), { abortSignal: signal });
  } catch (error) {
    const status = statusOf(error);
    if (status === 404) return undefined;
    // A HEAD answer has no body, so a 400 or 403 does not say why (an expired token? a bad signature?):
    // ask for one byte of the object, whose error answer names the S3 error code.
    if (status === 400 || status === 403) throw await explainHeadFailure(client, bucket, key, signal, error);
    throw toDeliveryError(error, `HeadObject ${key}`);
  }
}

async function explainHeadFailure(client: S3Client, bucket: string, key: string, signal: AbortSignal, headError: unknown): Promise<Error> {
  const refused = `HeadObject ${key}: S3 answered ${statusOf(headError)} without saying why, and a read of the object did not fail the same way`;
  try {
    await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: "bytes=0-0" }), { abortSignal: signal });
  } catch (error) {
    const status = statusOf(error);
    // 404: no such object; 416: an empty object has no byte 0. Neither explains the HEAD refusal.
    if (status === 404 || status === 416) return new RetryableError<S3ErrorCode>("HEAD_REFUSED", refused, { status: statusOf(headError) });
    return toDeliveryError(error, `HeadObject ${key}`);
  }
  return new RetryableError<S3ErrorCode>("HEAD_REFUSED", refused, { status: statusOf(headError) });
}

/** Deletes an object (a missing one is fine). */
export async function deleteObject(client: S3Client, bucket: string, key: string, signal: AbortSignal): Promise<void> {
  try {
    await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
  } catch (error) {
    if (statusOf(error) === 404) return;
    throw toDeliveryError(error, `DeleteObject ${key}`);
  }
}

/** Every key under a prefix. */
export async function listKeys(client: S3Client, bucket: string, prefix: string, signal: AbortSignal): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    try {
      const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }), { abortSignal: signal });
      for (const object of page.Contents ?? []) if (object.Key !== undefined) keys.push(object.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } catch (error) {
      throw toDeliveryError(error, `ListObjectsV2 ${prefix}`);
    }
  } while (token !== undefined);
  return keys;
}

/** An object's content as text; undefined when there is no such object. */
export async function getText(client: S3Client, bucket: string, key: string, signal: AbortSignal): Promise<string | undefined> {
  try {
    const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
    return await answer.Body!.transformToString("utf8");
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw toDeliveryError(error, `GetObject ${key}`);
  }
}

/** Puts a small text object in one request. */
export async function putText(client: S3Client, bucket: string, key: string, text: string, signal: AbortSignal): Promise<void> {
  try {
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: text, ContentType: "application/json" }), { abortSignal: signal });
  } catch (error) {
    throw toDeliveryError(error, `PutObject ${key}`);
  }
}

/**
 * Aborts every unfinished multipart upload of exactly `key` (parts left by a
 * crashed or failed upload). Returns how many it aborted, or undefined when
 * the store cannot list multipart uploads (s3rver answers 501).
 */
export async function abortUnfinishedUploads(client: S3Client, bucket: string, key: string, signal: AbortSignal): Promise<number | undefined> {
  let aborted = 0;
  let keyMarker: string | undefined;
  let uploadIdMarker: string | undefined;
  for (;;) {
    let page;
    try {
      page = await client.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: key, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker }), {
        abortSignal: signal,
      });
    } catch (error) {
      const status = statusOf(error);
      if (status === 501 || status === 405) return undefined;
      throw toDeliveryError(error, `ListMultipartUploads ${key}`);
    }
    for (const upload of page.Uploads ?? []) {
      if (upload.Key !== key || upload.UploadId === undefined) continue;
      try {
        await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: upload.UploadId }), { abortSignal: signal });
        aborted++;
      } catch (error) {
        if (statusOf(error) !== 404) throw toDeliveryError(error, `AbortMultipartUpload ${key}`);
      }
    }
    if (!page.IsTruncated) return aborted;
    keyMarker = page.NextKeyMarker;
    uploadIdMarker = page.NextUploadIdMarker;
  }
}
