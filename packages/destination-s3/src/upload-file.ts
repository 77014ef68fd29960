import { createReadStream } from "node:fs";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Upload } from "@aws-sdk/lib-storage";
import { contentTypeOf, type AdapterContext, type StagedFile } from "@abm-kit/destinations";
import { SHA256_METADATA } from "./object-check.js";
import { DigestTap, type ObjectDigests } from "./object-digests.js";
import { clientFor } from "./s3-client.js";
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

/**
 * Streams a staged file to `key` with `@aws-sdk/lib-storage`: one PutObject
 * up to the multipart threshold, else parts of `partSize` in parallel (a
 * failed multipart upload is aborted). Returns the digests of what was sent.
 */
export async function uploadFile(ctx: AdapterContext<S3Settings>, key: string, file: StagedFile, partSize: number): Promise<ObjectDigests> {
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
