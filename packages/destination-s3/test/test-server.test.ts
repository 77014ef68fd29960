import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activate, MemoryStateStore } from "@abm-kit/destinations";
import { s3Destination } from "@abm-kit/destination-s3";
import { startS3Server, type S3TestServer, type TestCredentials } from "@abm-kit/destination-s3/testing";
import { accountPlan, fixtureSnapshot, ids, membership, NOW, readExport, sha256 } from "./fixtures/audience-fixture.js";

let server: S3TestServer;
beforeAll(async () => {
  server = await startS3Server();
});
afterAll(async () => {
  await server.close();
});

function client(overrides: { credentials?: TestCredentials; region?: string; checksums?: "WHEN_SUPPORTED" | "WHEN_REQUIRED" } = {}) {
  return new S3Client({
    endpoint: server.endpoint,
    forcePathStyle: true,
    region: overrides.region ?? server.region,
    credentials: overrides.credentials ?? server.credentials,
    requestChecksumCalculation: overrides.checksums ?? "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    maxAttempts: 1,
  });
}
const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: { name?: string; $metadata?: { httpStatusCode?: number } }) => `${e.$metadata?.httpStatusCode} ${e.name}`,
  );
const put = (key: string, body = "hello") => new PutObjectCommand({ Bucket: server.bucket, Key: key, Body: body });

describe("the local S3-protocol server refuses what S3 refuses", () => {
  it("checks SigV4: a wrong secret, an unknown key id, another region; a session token is required with temporary keys", async () => {
    expect(await codeOf(client().send(put("auth/ok")))).toBe("ok");
    expect(
      await codeOf(client({ credentials: { ...server.credentials, secretAccessKey: "wrong-secret-wrong-secret-wrong-secret-00" } }).send(put("auth/x"))),
    ).toBe("403 SignatureDoesNotMatch");
    expect(await codeOf(client({ credentials: { accessKeyId: "AKIAUNKNOWNKEY000000", secretAccessKey: "x".repeat(40) } }).send(put("auth/x")))).toBe(
      "403 InvalidAccessKeyId",
    );
    expect(await codeOf(client({ region: "eu-west-1" }).send(put("auth/x")))).toBe("400 AuthorizationHeaderMalformed");
    const temporary = server.issueCredentials();
    expect(await codeOf(client({ credentials: temporary }).send(put("auth/temp")))).toBe("ok");
    const { sessionToken: _dropped, ...withoutToken } = temporary;
    expect(await codeOf(client({ credentials: withoutToken }).send(put("auth/x")))).toBe("403 InvalidAccessKeyId");
    server.expireCredentials(temporary.accessKeyId);
    expect(await codeOf(client({ credentials: temporary }).send(put("auth/x")))).toBe("400 ExpiredToken");
    expect((await server.objects("auth/")).map((o) => o.key)).toEqual(["auth/ok", "auth/temp"]);
  });

  it("refuses a body whose checksum header does not match (400 BadDigest), and keeps and reports the checksum that does", async () => {
    const c = client({ checksums: "WHEN_SUPPORTED" });
    const wrong = new PutObjectCommand({ Bucket: server.bucket, Key: "digest/x", Body: "hello", ChecksumSHA256: Buffer.alloc(32).toString("base64") });
    expect(await codeOf(c.send(wrong))).toBe("400 BadDigest");
    await c.send(new PutObjectCommand({ Bucket: server.bucket, Key: "digest/ok", Body: "hello", ChecksumAlgorithm: "SHA256" }));
    const head = await c.send(new HeadObjectCommand({ Bucket: server.bucket, Key: "digest/ok", ChecksumMode: "ENABLED" }));
    expect(head.ChecksumSHA256).toBe(Buffer.from(sha256(Buffer.from("hello")), "hex").toString("base64"));
    expect(head.ChecksumType).toBe("FULL_OBJECT");
  });

  it("decodes aws-chunked uploads (the SDK's streaming checksum) as S3 does, instead of storing the framing", async () => {
    const body = new PassThrough();
    const content = Buffer.from("streamed,bytes\n".repeat(1000));
    body.end(content);
    await client({ checksums: "WHEN_SUPPORTED" }).send(
      new PutObjectCommand({ Bucket: server.bucket, Key: "chunked/object", Body: body, ContentLength: content.length }),
    );
    const request = server.requests.findLast((r) => r.path.endsWith("/chunked/object"))!;
    expect(request.bytes).toBeGreaterThan(15_000); // the framing and trailer went over the wire
    expect((await server.read("chunked/object")).toString()).toBe("streamed,bytes\n".repeat(1000));
  });

  it("refuses to complete a multipart upload whose parts but the last are under 5 MiB (400 EntityTooSmall), and lists and aborts it", async () => {
    const c = client();
    const { UploadId } = await c.send(new CreateMultipartUploadCommand({ Bucket: server.bucket, Key: "small/parts" }));
    const etags = [];
    for (const n of [1, 2])
      etags.push(
        (await c.send(new UploadPartCommand({ Bucket: server.bucket, Key: "small/parts", UploadId, PartNumber: n, Body: Buffer.alloc(1024, n) }))).ETag,
      );
    const complete = new CompleteMultipartUploadCommand({
      Bucket: server.bucket,
      Key: "small/parts",
      UploadId,
      MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) },
    });
    expect(await codeOf(c.send(complete))).toBe("400 EntityTooSmall");
    expect(await server.multipartUploads()).toEqual([{ key: "small/parts", uploadId: UploadId }]);
    const { AbortMultipartUploadCommand } = await import("@aws-sdk/client-s3");
    await c.send(new AbortMultipartUploadCommand({ Bucket: server.bucket, Key: "small/parts", UploadId }));
    expect(await server.multipartUploads()).toEqual([]);
    expect(await codeOf(c.send(new AbortMultipartUploadCommand({ Bucket: server.bucket, Key: "small/parts", UploadId })))).toBe("404 NoSuchUpload");
  });

  it("answers anonymous requests 403 AccessDenied", async () => {
    const answer = await fetch(`${server.endpoint}/${server.bucket}?list-type=2`);
    expect(answer.status).toBe(403);
    expect(await answer.text()).toContain("<Code>AccessDenied</Code>");
  });
});

describe("the S3 destination with encryption and storage class", () => {
  const snapshot = fixtureSnapshot(50);
  const run = async (extra: Record<string, unknown>, keyPrefix: string) =>
    activate(accountPlan({ ...server.settings(), keyPrefix, stagingDirectory: await mkdtemp(join(tmpdir(), "abm-s3-sse-")), ...extra }, "full"), {
      destination: s3Destination,
      snapshot,
      audiences: [membership(ids("a", 0, 50))],
      now: NOW,
      state: new MemoryStateStore(),
      sleep: async () => {},
    });

  it("SSE-S3 and a storage class are asked for on every object", async () => {
    const report = await run({ serverSideEncryption: "SSE-S3", storageClass: "STANDARD_IA" }, "sse-s3/");
    expect(report.status).toBe("completed");
    const head = await client().send(new HeadObjectCommand({ Bucket: server.bucket, Key: "sse-s3/s3_tier-1_20261120_120000.csv" }));
    expect([head.ServerSideEncryption, head.StorageClass]).toEqual(["AES256", "STANDARD_IA"]);
  });

  it("SSE-KMS objects (whose ETag is not an MD5) are checked by their SHA-256 checksum; without one the upload is reported unverifiable", async () => {
    const checked = await run({ serverSideEncryption: "SSE-KMS", kmsKeyId: "alias/abm-exports", checksumAlgorithm: "SHA256" }, "sse-kms/");
    expect(checked.status).toBe("completed");
    await readExport(server, "sse-kms/s3_tier-1_20261120_120000.manifest.json");
    const head = await client().send(new HeadObjectCommand({ Bucket: server.bucket, Key: "sse-kms/s3_tier-1_20261120_120000.csv" }));
    expect([head.ServerSideEncryption, head.SSEKMSKeyId]).toEqual(["aws:kms", "alias/abm-exports"]);

    const unverifiable = await run({ serverSideEncryption: "SSE-KMS", kmsKeyId: "alias/abm-exports" }, "sse-kms-none/");
    expect(unverifiable.status).toBe("completedWithFailures");
    expect(unverifiable.retries).toBe(0);
    expect(unverifiable.audiences[0]!.warnings.join(" ")).toMatch(/not an MD5: set checksumAlgorithm/);
  });

  it("an object that is not the file (same size and recorded SHA-256, other bytes) is found by its ETag and replaced", async () => {
    await run({}, "tampered/");
    const key = "tampered/s3_tier-1_20261120_120000.csv";
    const original = await server.read(key);
    const forged = Buffer.from(original.toString("utf8").replace("Company 1 Inc.", "Company X Inc."));
    expect(forged.length).toBe(original.length);
    await client().send(new PutObjectCommand({ Bucket: server.bucket, Key: key, Body: forged, Metadata: { sha256: sha256(original) } }));
    const before = server.requests.length;
    expect((await run({}, "tampered/")).status).toBe("completed");
    expect(server.requests.slice(before).filter((r) => r.operation === "PutObject" && r.path.endsWith(key)).length).toBe(1);
    expect(await server.read(key)).toEqual(original);
  });
});
