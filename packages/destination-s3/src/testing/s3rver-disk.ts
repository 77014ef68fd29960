import { readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * What the test server reads and writes of s3rver's file store directly, for
 * the S3 operations s3rver lacks (ListMultipartUploads, AbortMultipartUpload)
 * and S3 behaviour it does not have (multipart ETags, the part size minimum).
 * s3rver 3.7 keeps an upload's parts in `<root>/<bucket>/._S3rver_uploads/<uploadId>/`
 * (files `key`, `metadata`, `1`, `2`, …) and an object's MD5 in `<key>._S3rver_object.md5`.
 */
export class S3rverDisk {
  constructor(private readonly root: string) {}

  private uploadsDir(bucket: string): string {
    return join(this.root, bucket, "._S3rver_uploads");
  }

  /** Unfinished multipart uploads of a bucket, by key then upload id. */
  async uploads(bucket: string): Promise<{ key: string; uploadId: string; initiated: Date }[]> {
    let ids: string[];
    try {
      ids = await readdir(this.uploadsDir(bucket));
    } catch {
      return [];
    }
    const out: { key: string; uploadId: string; initiated: Date }[] = [];
    for (const uploadId of ids) {
      try {
        const dir = join(this.uploadsDir(bucket), uploadId);
        out.push({ key: await readFile(join(dir, "key"), "utf8"), uploadId, initiated: (await stat(dir)).birthtime });
      } catch {
        // completed or aborted meanwhile
      }
    }
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.uploadId < b.uploadId ? -1 : 1));
  }

  /** The key of an upload, or undefined when there is no such upload. */
  async uploadKey(bucket: string, uploadId: string): Promise<string | undefined> {
    if (!/^[0-9a-f]+$/.test(uploadId)) return undefined;
    return readFile(join(this.uploadsDir(bucket), uploadId, "key"), "utf8").catch(() => undefined);
  }

  /** Sizes of an upload's parts by part number. */
  async partSizes(bucket: string, uploadId: string): Promise<Map<number, number>> {
    const dir = join(this.uploadsDir(bucket), uploadId);
    const sizes = new Map<number, number>();
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      if (/^\d+$/.test(name)) sizes.set(Number(name), (await stat(join(dir, name))).size);
    }
    return sizes;
  }

  /** Deletes an upload and its parts. */
  async abort(bucket: string, uploadId: string): Promise<void> {
    await rm(join(this.uploadsDir(bucket), uploadId), { recursive: true, force: true });
  }

  /** Replaces the ETag s3rver reports for an object (it keeps the MD5 of the whole object). */
  async setEtag(bucket: string, key: string, etag: string): Promise<void> {
    const parts = key.split("/");
    const last = parts.pop()!;
    await writeFile(join(this.root, bucket, ...parts, `${last}._S3rver_object.md5`), etag);
  }
}
