import type { S3ErrorCode } from "./error-codes.js";
import { createReadStream } from "node:fs";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Upload } from "@aws-sdk/lib-storage";
import { RetryableError, TerminalError, type AdapterContext, type StagedFile } from "@abm-kit/destinations";
import { checkObject, SHA256_METADATA } from "./object-check.js";
import { DigestTap, type ObjectDigests } from "./object-digests.js";
import { contentTypeOf, objectKey } from "./object-key.js";
import { clientFor } from "./s3-client.js";
import { toDeliveryError } from "./s3-error.js";
import { abortUnfinishedUploads, headObject } from "./s3-objects.js";
import { MAX_PARTS, MIN_PART_SIZE, type S3Settings } from "./settings.js";
import { transferOptions, type ObjectChecksumAlgorithm } from "./transfer-options.js";

/** Read-ahead of the staged file: large enough to cut few buffers per part. */
const READ_CHUNK = 1024 * 1024;

/**
 * The part size for a file of `bytes`: the whole file (one PutObject) up to
 * `multipartThresholdBytes`, else `partSizeBytes`, raised so no upload needs
 * more than 10,000 parts.
 */
export function partSizeFor(bytes: number, settings: Pick<S3Settings, "multipartThresholdBytes" | "partSizeBytes">): number {
  if (bytes <= settings.multipartThresholdBytes) return Math.max(bytes, MIN_PART_SIZE);
  return Math.max(settings.partSizeBytes, Math.ceil(bytes / MAX_PARTS));
}

/** Digests a local file in parts of `partSize` without uploading it. */
export async function digestFile(path: string, partSize: number, algorithm: ObjectChecksumAlgorithm | undefined): Promise<ObjectDigests> {
  const tap = new DigestTap(partSize, algorithm);
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  await pipeline(createReadStream(path, { highWaterMark: READ_CHUNK }), tap, sink);
  return tap.digests();
}

function encryptionParams(settings: S3Settings) {
  if (settings.serverSideEncryption === "SSE-S3") return { ServerSideEncryption: "AES256" as const };
  if (settings.serverSideEncryption === "SSE-KMS") return { ServerSideEncryption: "aws:kms" as const, SSEKMSKeyId: settings.kmsKeyId };
  return {};
}

async function upload(ctx: AdapterContext<S3Settings>, key: string, file: StagedFile, partSize: number): Promise<ObjectDigests> {
  const { settings } = ctx;
  const algorithm = transferOptions(settings).checksumAlgorithm;
  const source = createReadStream(file.localPath, { highWaterMark: READ_CHUNK });
  const tap = new DigestTap(partSize, algorithm);
  source.on("error", (error) => tap.destroy(error));
  const body = source.pipe(tap);
  const uploader = new Upload({
    client: clientFor(settings, ctx.auth),
    params: {
      Bucket: settings.bucket,
      Key: key,
      Body: body,
      ContentLength: file.bytes,
      ContentType: contentTypeOf(file.name),
      Metadata: { [SHA256_METADATA]: file.sha256 },
      ...encryptionParams(settings),
      ...(settings.storageClass !== undefined ? { StorageClass: settings.storageClass } : {}),
      ...(algorithm !== undefined ? { ChecksumAlgorithm: algorithm } : {}),
    },
    partSize,
    queueSize: settings.queueSize,
    leavePartsOnError: false,
  });
  const onAbort = () => void uploader.abort().catch(() => undefined);
  ctx.signal.addEventListener("abort", onAbort, { once: true });
  try {
    await uploader.done();
  } finally {
    ctx.signal.removeEventListener("abort", onAbort);
    source.destroy();
    tap.destroy();
  }
  return tap.digests();
}

/**
 * Delivers one staged file to `s3://<bucket>/<keyPrefix><name>`:
 *
 * 1. an object already there with this file's size, recorded SHA-256 and
 *    checksum (a resumed run) is kept, not uploaded again;
 * 2. unfinished multipart uploads of the key (a crashed run's parts) are aborted;
 * 3. the file streams up — one PutObject up to the multipart threshold, else
 *    parts in parallel; a failed multipart upload is aborted;
 * 4. HeadObject checks the stored object's size, recorded SHA-256 and
 *    checksum or ETag against the file.
 *
 * The staged file is left in place (the destination removes it once the whole
 * delivery of the file succeeded, so a retried delivery can still read it).
 */
export async function deliverStagedFile(ctx: AdapterContext<S3Settings>, file: StagedFile): Promise<void> {
  const { settings, signal } = ctx;
  if (file.bytes > settings.maxObjectBytes) {
    throw new TerminalError<S3ErrorCode>("OBJECT_TOO_LARGE", `${file.name} is ${file.bytes} bytes, more than maxObjectBytes (${settings.maxObjectBytes}): lower maxRowsPerFile`);
  }
  const client = clientFor(settings, ctx.auth);
  const key = objectKey(settings.keyPrefix, file.name);
  const partSize = partSizeFor(file.bytes, settings);
  const algorithm = transferOptions(settings).checksumAlgorithm;

  const existing = await headObject(client, settings.bucket, key, signal);
  if (existing !== undefined && existing.ContentLength === file.bytes && existing.Metadata?.[SHA256_METADATA] === file.sha256) {
    if (checkObject(existing, file, await digestFile(file.localPath, partSize, algorithm)).ok) return;
  }

  await abortUnfinishedUploads(client, settings.bucket, key, signal);
  let digests: ObjectDigests;
  try {
    digests = await upload(ctx, key, file, partSize);
  } catch (error) {
    if (!signal.aborted) await abortUnfinishedUploads(client, settings.bucket, key, signal).catch(() => undefined);
    throw toDeliveryError(error, `upload ${key}`);
  }

  const stored = await headObject(client, settings.bucket, key, signal);
  if (stored === undefined) throw new RetryableError<S3ErrorCode>("OBJECT_MISSING", `upload ${key}: the store does not hold the object after the upload`);
  const check = checkObject(stored, file, digests);
  if (!check.ok) {
    if (check.unverifiable) throw new TerminalError<S3ErrorCode>("OBJECT_UNVERIFIABLE", `upload ${key}: ${check.problem}`);
    throw new RetryableError<S3ErrorCode>("OBJECT_MISMATCH", `upload ${key}: ${check.problem}`);
  }
}
