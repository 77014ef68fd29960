import type { AdapterContext, ObjectStore } from "@abm-kit/destinations";
import { checkObject, SHA256_METADATA } from "./object-check.js";
import type { ObjectDigests } from "./object-digests.js";
import { clientFor } from "./s3-client.js";
import { toDeliveryError } from "./s3-error.js";
import { abortUnfinishedUploads, deleteObject, getText, headObject, listKeys, putText } from "./s3-objects.js";
import type { S3Settings } from "./settings.js";
import { transferOptions } from "./transfer-options.js";
import { digestFile, partSizeFor, uploadFile } from "./upload-file.js";

/**
 * The bucket of the settings as an {@link ObjectStore}: uploads stream with
 * `@aws-sdk/lib-storage` and return the digests of what was sent; an object
 * is checked by HeadObject (size, the SHA-256 recorded in its metadata, and
 * its checksum or ETag). An object a previous run left is checked only when
 * its size and recorded SHA-256 match, by digesting the local file.
 */
export function s3ObjectStore(ctx: AdapterContext<S3Settings>): ObjectStore<ObjectDigests> {
  const { settings } = ctx;
  const client = clientFor(settings, ctx.auth);
  const bucket = settings.bucket;
  return {
    async check(key, file, receipt, signal) {
      const head = await headObject(client, bucket, key, signal);
      if (head === undefined) return undefined;
      if (receipt === undefined) {
        if (head.ContentLength !== file.bytes || head.Metadata?.[SHA256_METADATA] !== file.sha256)
          return { ok: false, problem: "another object is stored under the key" };
        receipt = await digestFile(file.localPath, partSizeFor(file.bytes, settings), transferOptions(settings).checksumAlgorithm);
      }
      return checkObject(head, file, receipt);
    },
    put: (key, file) => uploadFile(ctx, key, file, partSizeFor(file.bytes, settings)),
    abortPartial: async (key, signal) => {
      await abortUnfinishedUploads(client, bucket, key, signal);
    },
    list: (folder, signal) => listKeys(client, bucket, folder, signal),
    exists: async (key, signal) => (await headObject(client, bucket, key, signal)) !== undefined,
    readText: (key, signal) => getText(client, bucket, key, signal),
    writeText: (key, text, signal) => putText(client, bucket, key, text, signal),
    delete: (key, signal) => deleteObject(client, bucket, key, signal),
    toDeliveryError,
  };
}
