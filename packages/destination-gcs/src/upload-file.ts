import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { File } from "@google-cloud/storage";
import { contentTypeOf, type StagedFile } from "@abm-kit/destinations";
import { SHA256_METADATA } from "./object-check.js";
import { DigestAccumulator, digestBuffer, type ObjectDigests } from "./object-digests.js";
import { statusOf } from "./gcs-error.js";
import { forgetSession, readSession, writeSession } from "./resumable-sessions.js";
import type { GcsSettings } from "./settings.js";

/** The object resource fields every upload sets. */
function objectMetadata(file: StagedFile, settings: GcsSettings, digests?: ObjectDigests) {
  return {
    contentType: contentTypeOf(file.name),
    metadata: { [SHA256_METADATA]: file.sha256 },
    ...(settings.storageClass !== undefined ? { storageClass: settings.storageClass } : {}),
    // GCS checks the content against these on receipt and refuses a mismatch (JSON API, multipart upload)
    ...(digests !== undefined ? { crc32c: digests.crc32c, md5Hash: digests.md5 } : {}),
  };
}

const userProject = (settings: GcsSettings) => (settings.userProject !== undefined ? { userProject: settings.userProject } : {});

/** Sends a file of at most `resumableThresholdBytes` in one multipart request, with its CRC32C and MD5 for GCS to check. */
async function uploadInOneRequest(object: File, file: StagedFile, settings: GcsSettings): Promise<ObjectDigests> {
  const bytes = await readFile(file.localPath);
  const digests = digestBuffer(bytes);
  await object.save(bytes, {
    resumable: false,
    validation: false,
    metadata: objectMetadata(file, settings, digests),
    timeout: settings.requestTimeoutMs,
    ...userProject(settings),
  });
  return digests;
}

/**
 * Sends a file by resumable upload in chunks of `chunkSizeBytes`. The
 * session URI is recorded in the staging folder before the first chunk, so a
 * later attempt (after a failure, or in a run resumed after a crash) asks
 * GCS how much it holds and sends only the rest. A record of another file
 * under the same key is dropped.
 */
async function uploadResumably(object: File, file: StagedFile, settings: GcsSettings, signal: AbortSignal): Promise<ObjectDigests> {
  const earlier = await readSession(settings.stagingDirectory, object.name);
  const resumable = earlier !== undefined && earlier.bytes === file.bytes && earlier.sha256 === file.sha256;
  if (!resumable) return sendResumably(object, file, settings, signal, undefined);
  try {
    return await sendResumably(object, file, settings, signal, earlier.uri);
  } catch (error) {
    // the session expired (a week after it began), was cancelled, or lost bytes it had acknowledged: start anew
    const status = statusOf(error);
    if (status !== 404 && status !== 410 && !(error instanceof RangeError)) throw error;
    await forgetSession(settings.stagingDirectory, object.name);
    return sendResumably(object, file, settings, signal, undefined);
  }
}

async function sendResumably(
  object: File,
  file: StagedFile,
  settings: GcsSettings,
  signal: AbortSignal,
  resumeUri: string | undefined,
): Promise<ObjectDigests> {
  const staging = settings.stagingDirectory;
  const resuming = resumeUri !== undefined;
  let uri: string;
  if (resumeUri !== undefined) uri = resumeUri;
  else {
    [uri] = await object.createResumableUpload({ metadata: { ...objectMetadata(file, settings), contentLength: file.bytes }, ...userProject(settings) });
    await writeSession(staging, { version: 1, key: object.name, uri, bytes: file.bytes, sha256: file.sha256 });
  }
  const acc = new DigestAccumulator();
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      acc.update(chunk);
      done(null, chunk);
    },
  });
  // a resumed session: the library asks GCS for its offset and skips what GCS holds; a new one starts at 0
  const sink = object.createWriteStream({
    uri,
    resumable: true,
    chunkSize: settings.chunkSizeBytes,
    validation: false,
    timeout: settings.requestTimeoutMs,
    ...(resuming ? {} : { offset: 0 }),
    ...userProject(settings),
  });
  await pipeline(createReadStream(file.localPath, { highWaterMark: 1024 * 1024 }), tap, sink, { signal });
  await forgetSession(staging, object.name);
  return acc.digests();
}

/**
 * Uploads a staged file to `object`: one multipart request up to
 * `resumableThresholdBytes`, else a resumable upload. Returns the digests of
 * what was sent.
 */
export function uploadFile(object: File, file: StagedFile, settings: GcsSettings, signal: AbortSignal): Promise<ObjectDigests> {
  if (file.bytes <= settings.resumableThresholdBytes) return uploadInOneRequest(object, file, settings);
  return uploadResumably(object, file, settings, signal);
}
