import { describe, expect, it } from "vitest";
import { ValidationError } from "@abm-kit/core";
import { activate, MemoryStateStore } from "@abm-kit/destinations";
import { s3Destination, S3SettingsSchema, transferOptions } from "@abm-kit/destination-s3";
import { startS3Server } from "@abm-kit/destination-s3/testing";
import { accountPlan, fixtureSnapshot, ids, membership, NOW } from "./fixtures/audience-fixture.js";

describe("S3 settings", () => {
  it("every mistake is one ValidationError listing each problem with its path, before any request", async () => {
    const server = await startS3Server();
    try {
      const settings = {
        bucket: "Bad_Bucket",
        region: "mars-central-9x",
        keyPrefix: "/exports//../",
        credentials: { accessKeyId: "AKIAEXAMPLEEXAMPLE12", secretAccessKey: "" },
        serverSideEncryption: "SSE-KMS",
        storageClass: "COLD",
        checksumAlgorithm: "MD5",
        partSizeBytes: 1024,
        multipartThresholdBytes: "16MB",
        queueSize: 0,
        format: "xlsx",
        buckett: "typo",
      };
      const error = await activate(accountPlan(settings, "full"), {
        destination: s3Destination,
        snapshot: fixtureSnapshot(5),
        audiences: [membership(ids("a", 0, 5))],
        now: NOW,
        state: new MemoryStateStore(),
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      const problems = (error as ValidationError).problems.map((p) => p.path.join("."));
      expect(problems.sort()).toEqual(
        [
          "",
          "bucket",
          "checksumAlgorithm",
          "credentials.secretAccessKey",
          "format",
          "keyPrefix",
          "kmsKeyId",
          "multipartThresholdBytes",
          "partSizeBytes",
          "queueSize",
          "region",
          "storageClass",
        ].sort(),
      );
      expect((error as ValidationError).problems.find((p) => p.path[0] === "region")!.message).toMatch(/unknown AWS region/);
      expect(JSON.stringify(error)).not.toContain("AKIAEXAMPLEEXAMPLE12");
      expect(server.requests).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it("reports cross-field mistakes: a KMS key without SSE-KMS, a part larger than the threshold, a bad endpoint", () => {
    const result = S3SettingsSchema.safeParse({
      bucket: "ok-bucket",
      region: "eu-west-1",
      kmsKeyId: "alias/x",
      partSizeBytes: 64 * 2 ** 20,
      endpoint: "ftp://store.example",
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join(".")).sort()).toEqual(["endpoint", "kmsKeyId", "partSizeBytes"]);
  });

  it("accepts bucket names, prefixes and regions S3 accepts; with an endpoint any region name", () => {
    for (const settings of [
      { bucket: "acme.exports-2026", region: "us-gov-west-1", keyPrefix: "abm/daily/" },
      { bucket: "abc", region: "ap-southeast-7", keyPrefix: "exports/abm-" },
      { bucket: "local", region: "garage", endpoint: "http://127.0.0.1:9000" },
      { bucket: "r2-bucket", region: "auto", endpoint: "https://acct.r2.cloudflarestorage.com", serverSideEncryption: "SSE-KMS", kmsKeyId: "alias/abm" },
    ]) {
      expect(S3SettingsSchema.safeParse(settings).error?.issues ?? []).toEqual([]);
    }
    for (const bucket of ["ab", "a..b", "192.168.1.1", "xn--bucket", "bucket-s3alias", "-bucket", "Bucket"]) {
      expect(S3SettingsSchema.safeParse({ bucket, region: "eu-west-1" }).success).toBe(false);
    }
  });

  it("defaults: SHA-256 checksums on AWS S3; none, WHEN_REQUIRED and path-style addressing with an endpoint", () => {
    const aws = S3SettingsSchema.parse({ bucket: "acme", region: "eu-west-1" });
    expect(transferOptions(aws)).toEqual({ checksumAlgorithm: "SHA256", checksumCalculation: "WHEN_SUPPORTED", forcePathStyle: false });
    const other = S3SettingsSchema.parse({ bucket: "acme", region: "eu-west-1", endpoint: "http://127.0.0.1:9000" });
    expect(transferOptions(other)).toEqual({ checksumAlgorithm: undefined, checksumCalculation: "WHEN_REQUIRED", forcePathStyle: true });
    const chosen = S3SettingsSchema.parse({
      bucket: "acme",
      region: "eu-west-1",
      endpoint: "http://127.0.0.1:9000",
      checksumAlgorithm: "CRC32",
      forcePathStyle: false,
    });
    expect(transferOptions(chosen)).toEqual({ checksumAlgorithm: "CRC32", checksumCalculation: "WHEN_REQUIRED", forcePathStyle: false });
    expect(aws).toMatchObject({
      multipartThresholdBytes: 16 * 2 ** 20,
      partSizeBytes: 8 * 2 ** 20,
      queueSize: 4,
      maxAttempts: 3,
      maxRowsPerFile: 5_000_000,
      format: "csv",
    });
  });
});
