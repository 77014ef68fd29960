import type { GcsErrorCode } from "./error-codes.js";
import type { File } from "@google-cloud/storage";
import { AuthExpiredError, RetryableError, type AdapterContext, type ObjectStore, type StagedFile } from "@abm-kit/destinations";
import { storageFor } from "./gcs-client.js";
import { statusOf, toDeliveryError } from "./gcs-error.js";
import { checkObject, SHA256_METADATA, type GcsObjectMetadata } from "./object-check.js";
import { digestFile, type ObjectDigests } from "./object-digests.js";
import { forgetSession, readSession } from "./resumable-sessions.js";
import type { GcsSettings } from "./settings.js";
import { uploadFile } from "./upload-file.js";

/**
 * What a failure means to the runtime, for a store whose token `accepted`
 * an earlier request of this step: a 401 then is retried as a whole step
 * rather than reported as a rejected token, because the runtime treats a
 * second rejection after a refresh as final, and one step (check, upload,
 * check) makes several requests. The retried step's first request meets the
 * 401 again if the token really expired, and the runtime refreshes it then.
 */
function classify(error: unknown, operation: string, accepted: boolean): Error {
  const classified = toDeliveryError(error, operation);
  if (accepted && classified instanceof AuthExpiredError)
    return new RetryableError<GcsErrorCode>(
      "TOKEN_REJECTED_MID_STEP",
      `${classified.message} (after this step's earlier requests were accepted with the same token)`,
    );
  return classified;
}

/** A 404 about the bucket (not an object) is a configuration mistake, not "no object". */
function isBucketMissing(error: unknown): boolean {
  const message = (error as { message?: string })?.message ?? "";
  return /bucket does not exist/i.test(message);
}

/**
 * The bucket of the settings as an {@link ObjectStore}: a file goes in one
 * multipart request up to `resumableThresholdBytes` (with its CRC32C and MD5
 * for GCS to check on receipt), else by resumable upload; an object is
 * checked by its metadata (size, recorded SHA-256, CRC32C, MD5). An object a
 * previous run left is checked only when its size and recorded SHA-256
 * match, by digesting the local file.
 *
 * GCS keeps nothing visible of an unfinished resumable upload (its session
 * expires after a week), so `abortPartial` only cancels a recorded session of
 * another file under the key; the session of the file about to be sent
 * (`check`ed just before) is kept, so the upload resumes where it stopped.
 */
export function gcsObjectStore(ctx: AdapterContext<GcsSettings>): ObjectStore<ObjectDigests> {
  const { settings } = ctx;
  const storage = storageFor(settings, ctx.auth);
  const bucket = storage.bucket(settings.bucket, settings.userProject !== undefined ? { userProject: settings.userProject } : {});
  const objectOf = (key: string): File => bucket.file(key, settings.kmsKeyName !== undefined ? { kmsKeyName: settings.kmsKeyName } : {});
  let about: { key: string; file: StagedFile } | undefined;
  // whether a request of this step was accepted with this token
  let accepted = false;

  /** Runs a library call; "no such object" (404) is `missing`, other failures are classified for the runtime. */
  async function call<T, M>(operation: string, body: () => Promise<T>, missing: M): Promise<T | M> {
    try {
      const result = await body();
      accepted = true;
      return result;
    } catch (error) {
      if (statusOf(error) === 404 && !isBucketMissing(error)) {
        accepted = true;
        return missing;
      }
      throw classify(error, operation, accepted);
    }
  }

  const metadataOf = (key: string) => call(`get ${key}`, async () => (await objectOf(key).getMetadata())[0] as GcsObjectMetadata, undefined);

  return {
    async check(key, file, receipt, _signal) {
      about = { key, file };
      const object = await metadataOf(key);
      if (object === undefined) return undefined;
      if (receipt === undefined) {
        if (Number(object.size) !== file.bytes || object.metadata?.[SHA256_METADATA] !== file.sha256)
          return { ok: false, problem: "another object is stored under the key" };
        receipt = await digestFile(file.localPath);
      }
      return checkObject(object, file, receipt);
    },
    put: async (key, file, signal) => {
      const digests = await uploadFile(objectOf(key), file, settings, signal);
      accepted = true;
      return digests;
    },
    async abortPartial(key) {
      const session = await readSession(settings.stagingDirectory, key);
      if (session === undefined) return;
      if (about?.key === key && session.bytes === about.file.bytes && session.sha256 === about.file.sha256) return;
      // another file's session: cancel it (GCS answers 499; 404/410 when it is already gone)
      await storage.authClient.request({ url: session.uri, method: "DELETE", validateStatus: () => true }).catch(() => undefined);
      await forgetSession(settings.stagingDirectory, key);
    },
    list: (folder) =>
      call(`list ${folder}`, async () => {
        const [files] = await bucket.getFiles({ prefix: folder, autoPaginate: true });
        return files.map((f) => f.name);
      }, []),
    exists: async (key) => (await metadataOf(key)) !== undefined,
    readText: (key) => call(`read ${key}`, async () => (await objectOf(key).download({ validation: false }))[0].toString("utf8"), undefined),
    writeText: async (key, text) => {
      await call(`write ${key}`, () => objectOf(key).save(text, { resumable: false, validation: false, contentType: "application/json" }), undefined);
    },
    delete: async (key) => {
      await call(`delete ${key}`, () => objectOf(key).delete(), undefined);
    },
    toDeliveryError: (error, operation) => classify(error, operation, accepted),
  };
}
