import { createHash } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";
import { crc32 } from "node:zlib";
import type { ObjectChecksumAlgorithm } from "./transfer-options.js";

/** A running digest of bytes. */
interface Digest {
  update(bytes: Buffer): void;
  digest(): Buffer;
}

function crc32Digest(): Digest {
  let value = 0;
  return {
    update: (bytes) => {
      value = crc32(bytes, value);
    },
    digest: () => {
      const out = Buffer.alloc(4);
      out.writeUInt32BE(value >>> 0);
      return out;
    },
  };
}

function newDigest(algorithm: ObjectChecksumAlgorithm | "MD5"): Digest {
  if (algorithm === "CRC32") return crc32Digest();
  return createHash(algorithm === "MD5" ? "md5" : algorithm === "SHA1" ? "sha1" : "sha256");
}

/** A digest of a whole byte string, for composite checksums of part checksums. */
function digestOf(algorithm: ObjectChecksumAlgorithm | "MD5", bytes: Buffer): Buffer {
  const d = newDigest(algorithm);
  d.update(bytes);
  return d.digest();
}

/** What the uploader knows of a file's bytes, to compare with what the store reports. */
export interface ObjectDigests {
  readonly bytes: number;
  readonly parts: number;
  /** MD5 of the whole file (hex): the ETag of a single PutObject, and s3rver's multipart ETag. */
  readonly md5: string;
  /** `md5(concatenated part MD5s)-N` (hex): AWS S3's multipart ETag. */
  readonly multipartEtag: string;
  readonly checksum?: {
    readonly algorithm: ObjectChecksumAlgorithm;
    /** Base64 checksum of the whole file (`FULL_OBJECT`). */
    readonly full: string;
    /** `base64(checksum of concatenated part checksums)-N` (`COMPOSITE`). */
    readonly composite: string;
  };
}

/**
 * A pass-through stream that digests what flows through it, whole and in
 * parts of `partSize` bytes — the same boundaries `@aws-sdk/lib-storage`
 * cuts — so the ETag and checksum S3 reports can be checked afterwards.
 */
export class DigestTap extends Transform {
  private readonly wholeMd5 = newDigest("MD5");
  private readonly wholeChecksum: Digest | undefined;
  private partMd5 = newDigest("MD5");
  private partChecksum: Digest | undefined;
  private readonly partMd5s: Buffer[] = [];
  private readonly partChecksums: Buffer[] = [];
  private inPart = 0;
  private total = 0;

  constructor(
    private readonly partSize: number,
    private readonly algorithm: ObjectChecksumAlgorithm | undefined,
  ) {
    super();
    this.wholeChecksum = algorithm === undefined ? undefined : newDigest(algorithm);
    this.partChecksum = algorithm === undefined ? undefined : newDigest(algorithm);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.wholeMd5.update(chunk);
    this.wholeChecksum?.update(chunk);
    this.total += chunk.length;
    let offset = 0;
    while (offset < chunk.length) {
      if (this.inPart === this.partSize) this.closePart();
      const take = Math.min(chunk.length - offset, this.partSize - this.inPart);
      const slice = chunk.subarray(offset, offset + take);
      this.partMd5.update(slice);
      this.partChecksum?.update(slice);
      this.inPart += take;
      offset += take;
    }
    callback(null, chunk);
  }

  private closePart(): void {
    this.partMd5s.push(this.partMd5.digest());
    this.partMd5 = newDigest("MD5");
    if (this.partChecksum !== undefined) {
      this.partChecksums.push(this.partChecksum.digest());
      this.partChecksum = newDigest(this.algorithm!);
    }
    this.inPart = 0;
  }

  /** The digests, once every byte has passed. */
  digests(): ObjectDigests {
    const partMd5s = [...this.partMd5s, this.partMd5.digest()];
    const n = partMd5s.length;
    const out: ObjectDigests = {
      bytes: this.total,
      parts: n,
      md5: this.wholeMd5.digest().toString("hex"),
      multipartEtag: `${digestOf("MD5", Buffer.concat(partMd5s)).toString("hex")}-${n}`,
    };
    if (this.algorithm === undefined || this.partChecksum === undefined) return out;
    const partChecksums = [...this.partChecksums, this.partChecksum.digest()];
    return {
      ...out,
      checksum: {
        algorithm: this.algorithm,
        full: this.wholeChecksum!.digest().toString("base64"),
        composite: `${digestOf(this.algorithm, Buffer.concat(partChecksums)).toString("base64")}-${n}`,
      },
    };
  }
}
