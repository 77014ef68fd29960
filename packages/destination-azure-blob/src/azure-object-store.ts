import { createHash } from "node:crypto";
import { open } from "node:fs/promises";
import { contentTypeOf, sha256Check, type AdapterContext, type ObjectStore, type StagedFile } from "@abm-kit/destinations";
import type { ContainerClient } from "@azure/storage-blob";
import { containerClientOf } from "./azure-client.js";
import { isMissing, toDeliveryError } from "./azure-error.js";
import { blockId } from "./block-ids.js";
import type { AzureBlobSettings } from "./settings.js";

/** The metadata key under which a blob's SHA-256 (hex) is recorded. */
export const SHA256_METADATA = "abmkitsha256";

/** `signal`, also aborted once `ms` have passed: one request never waits longer (an unanswered request is given up and retried). */
const within = (signal: AbortSignal, ms: number) => AbortSignal.any([signal, AbortSignal.timeout(ms)]);

/** Runs `work` for 0 … count-1 with at most `limit` at once. */
async function eachLimited(count: number, limit: number, work: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
}

/** Stages `file` as blocks of `blockBytes` and commits them at once, with its SHA-256 in the metadata. */
async function uploadBlocks(
  container: ContainerClient,
  key: string,
  file: StagedFile,
  settings: AzureBlobSettings,
  contentType: string,
  signal: AbortSignal,
): Promise<void> {
  const blob = container.getBlockBlobClient(key);
  const count = Math.ceil(file.bytes / settings.blockBytes);
  const handle = await open(file.localPath, "r");
  try {
    await eachLimited(count, settings.concurrency, async (index) => {
      const start = index * settings.blockBytes;
      const length = Math.min(settings.blockBytes, file.bytes - start);
      const chunk = Buffer.alloc(length);
      const { bytesRead } = await handle.read(chunk, 0, length, start);
      if (bytesRead !== length) throw new Error(`the staged file ${file.name} is shorter than its ${file.bytes} bytes`);
      // the service checks each block against its MD5 and refuses one damaged on the way
      await blob.stageBlock(blockId(index), chunk, length, {
        transactionalContentMD5: createHash("md5").update(chunk).digest(),
        abortSignal: within(signal, settings.requestTimeoutMs),
      });
    });
  } finally {
    await handle.close();
  }
  await blob.commitBlockList(
    Array.from({ length: count }, (_, index) => blockId(index)),
    { metadata: { [SHA256_METADATA]: file.sha256 }, blobHTTPHeaders: { blobContentType: contentType }, abortSignal: within(signal, settings.requestTimeoutMs) },
  );
}

/**
 * An Azure Blob Storage container as an {@link ObjectStore}: a file is
 * uploaded as staged blocks committed in one request at the end (a reader
 * sees the whole blob or none), its SHA-256 recorded in the blob's metadata;
 * a stored blob is checked by its size and that SHA-256, and by reading it
 * back against the manifest's SHA-256 (`verify: "sha256"`).
 *
 * `abortPartial` has nothing to remove: Azure offers no call that deletes
 * uncommitted blocks. They are invisible to readers, replaced when the same
 * blob is uploaded again (the block ids repeat), dropped when any block list
 * of the blob is committed, and discarded by the service after seven days.
 */
export async function azureBlobObjectStore(ctx: AdapterContext<AzureBlobSettings>): Promise<ObjectStore> {
  const { settings } = ctx;
  const container = containerClientOf(settings, ctx.auth);

  return {
    async check(key, file, _receipt, signal) {
      let properties;
      try {
        properties = await container.getBlobClient(key).getProperties({ abortSignal: within(signal, settings.requestTimeoutMs) });
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
      if (properties.contentLength !== file.bytes)
        return { ok: false, problem: `the blob holds ${properties.contentLength} bytes, the staged file ${file.bytes}` };
      const recorded = properties.metadata?.[SHA256_METADATA];
      if (recorded !== undefined && recorded !== file.sha256)
        return { ok: false, problem: "the SHA-256 recorded in the blob's metadata differs from the file's" };
      if (settings.verify === "size") return recorded === undefined ? { ok: true, by: "size" } : { ok: true, by: "size and recorded sha256" };
      const download = await container.getBlobClient(key).download(0, undefined, { abortSignal: within(signal, settings.requestTimeoutMs) });
      return sha256Check(download.readableStreamBody as AsyncIterable<Uint8Array>, file);
    },
    put: (key, file, signal) => uploadBlocks(container, key, file, settings, contentTypeOf(file.name), signal),
    // uncommitted blocks cannot be deleted: see above
    abortPartial: async () => undefined,
    async list(folder, signal) {
      const keys: string[] = [];
      for await (const item of container.listBlobsFlat({ prefix: folder, abortSignal: within(signal, settings.requestTimeoutMs) })) {
        if (!item.name.slice(folder.length).includes("/")) keys.push(item.name);
      }
      return keys.sort();
    },
    async exists(key, signal) {
      try {
        await container.getBlobClient(key).getProperties({ abortSignal: within(signal, settings.requestTimeoutMs) });
        return true;
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
    },
    async readText(key, signal) {
      try {
        const buffer = await container
          .getBlobClient(key)
          .downloadToBuffer(0, undefined, { abortSignal: within(signal, settings.requestTimeoutMs), maxRetryRequestsPerBlock: 0 });
        return buffer.toString("utf8");
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
    async writeText(key, text, signal) {
      const body = Buffer.from(text, "utf8");
      await container
        .getBlockBlobClient(key)
        .upload(body, body.length, { blobHTTPHeaders: { blobContentType: "application/json" }, abortSignal: within(signal, settings.requestTimeoutMs) });
    },
    async delete(key, signal) {
      await container.getBlobClient(key).deleteIfExists({ abortSignal: within(signal, settings.requestTimeoutMs) });
    },
    toDeliveryError,
  };
}
