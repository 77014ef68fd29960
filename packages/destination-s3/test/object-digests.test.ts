import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { crc32 } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkObject, DigestTap, type ObjectDigests } from "@abm-kit/destination-s3";

const md5 = (b: Buffer) => createHash("md5").update(b).digest();
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest();
const crc = (b: Buffer) => {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32(b) >>> 0);
  return out;
};

/** Parts as lib-storage cuts them: `partSize` bytes each, the last one the rest (a whole part when the size divides evenly). */
function parts(bytes: Buffer, partSize: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += partSize) out.push(bytes.subarray(i, i + partSize));
  return out.length === 0 ? [Buffer.alloc(0)] : out;
}

async function tap(bytes: Buffer, chunkSizes: number[], partSize: number, algorithm: "SHA256" | "CRC32"): Promise<ObjectDigests> {
  const chunks: Buffer[] = [];
  let at = 0;
  for (const size of chunkSizes) {
    if (at >= bytes.length) break;
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  if (at < bytes.length) chunks.push(bytes.subarray(at));
  const t = new DigestTap(partSize, algorithm);
  await pipeline(Readable.from(chunks), t, new Writable({ write: (_c, _e, done) => done() }));
  return t.digests();
}

describe("DigestTap", () => {
  it("gives the whole MD5, S3's multipart ETag and whole and composite checksums, however the stream is chunked", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 0, maxLength: 600 }),
        fc.array(fc.integer({ min: 1, max: 97 }), { maxLength: 40 }),
        fc.integer({ min: 1, max: 128 }),
        fc.constantFrom("SHA256" as const, "CRC32" as const),
        async (array, chunkSizes, partSize, algorithm) => {
          const bytes = Buffer.from(array);
          const d = await tap(bytes, chunkSizes, partSize, algorithm);
          const ps = parts(bytes, partSize);
          const h = algorithm === "SHA256" ? sha256 : crc;
          expect(d.bytes).toBe(bytes.length);
          expect(d.parts).toBe(ps.length);
          expect(d.md5).toBe(md5(bytes).toString("hex"));
          expect(d.multipartEtag).toBe(`${md5(Buffer.concat(ps.map(md5))).toString("hex")}-${ps.length}`);
          expect(d.checksum!.full).toBe(h(bytes).toString("base64"));
          expect(d.checksum!.composite).toBe(`${h(Buffer.concat(ps.map(h))).toString("base64")}-${ps.length}`);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("checkObject", () => {
  const bytes = Buffer.from("id,name\na1,Acme\n");
  const digests: ObjectDigests = {
    bytes: bytes.length,
    parts: 1,
    md5: md5(bytes).toString("hex"),
    multipartEtag: `${md5(md5(bytes)).toString("hex")}-1`,
    checksum: { algorithm: "SHA256", full: sha256(bytes).toString("base64"), composite: `${sha256(sha256(bytes)).toString("base64")}-1` },
  };
  const file = { bytes: bytes.length, sha256: sha256(bytes).toString("hex") };
  const head = { $metadata: {}, ContentLength: bytes.length, Metadata: { sha256: file.sha256 } };

  it("accepts a matching stored checksum, else a matching MD5 ETag", () => {
    expect(checkObject({ ...head, ChecksumSHA256: digests.checksum!.full, ETag: '"opaque"' }, file, digests)).toEqual({ ok: true, by: "checksum" });
    expect(checkObject({ ...head, ETag: `"${digests.md5}"` }, file, digests)).toEqual({ ok: true, by: "etag" });
    expect(checkObject({ ...head, ETag: `"${digests.multipartEtag}"` }, file, digests)).toEqual({ ok: true, by: "etag" });
  });

  it("refuses a wrong size, a missing or foreign recorded SHA-256, a wrong checksum, a wrong MD5 ETag; an opaque ETag without checksum is unverifiable", () => {
    expect(checkObject({ ...head, ContentLength: 3, ETag: `"${digests.md5}"` }, file, digests).ok).toBe(false);
    expect(checkObject({ ...head, Metadata: {}, ETag: `"${digests.md5}"` }, file, digests).ok).toBe(false);
    expect(checkObject({ ...head, Metadata: { sha256: "0".repeat(64) }, ETag: `"${digests.md5}"` }, file, digests).ok).toBe(false);
    expect(checkObject({ ...head, ChecksumSHA256: sha256(Buffer.from("x")).toString("base64"), ETag: `"${digests.md5}"` }, file, digests).ok).toBe(false);
    expect(checkObject({ ...head, ETag: `"${"0".repeat(32)}"` }, file, digests).ok).toBe(false);
    expect(checkObject({ ...head, ETag: '"not-an-md5"' }, file, digests)).toMatchObject({ ok: false, unverifiable: true });
  });
});
