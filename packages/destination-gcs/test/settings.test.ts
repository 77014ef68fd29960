import { describe, expect, it } from "vitest";
import { ValidationError } from "@abm-kit/core";
import { activate, MemoryStateStore } from "@abm-kit/destinations";
import { gcsDestination, GcsSettingsSchema } from "@abm-kit/destination-gcs";
import { createTestServiceAccount, startGcsServer } from "@abm-kit/destination-gcs/testing";
import { accountPlan, fixtureSnapshot, ids, membership, NOW } from "./fixtures/audience-fixture.js";

describe("GCS settings", () => {
  it("every mistake is one ValidationError listing each problem with its path, before any request; the private key is not in it", async () => {
    const server = await startGcsServer();
    try {
      const key = server.serviceAccountKey;
      const settings = {
        bucket: "Bad_Bucket",
        keyPrefix: "/exports//../",
        apiEndpoint: "ftp://storage.example",
        serviceAccountKey: { ...key, client_email: "not-an-email", private_key_id: "" },
        kmsKeyName: "my-key",
        storageClass: "GLACIER",
        chunkSizeBytes: 300 * 1024,
        resumableThresholdBytes: "8MB",
        maxRetries: -1,
        format: "xlsx",
        buckett: "typo",
      };
      const error = await activate(accountPlan(settings, "full"), {
        destination: gcsDestination,
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
          "apiEndpoint",
          "bucket",
          "chunkSizeBytes",
          "format",
          "keyPrefix",
          "kmsKeyName",
          "maxRetries",
          "resumableThresholdBytes",
          "serviceAccountKey.client_email",
          "serviceAccountKey.private_key_id",
          "storageClass",
        ].sort(),
      );
      expect((error as ValidationError).problems.find((p) => p.path[0] === "chunkSizeBytes")!.message).toMatch(/256 KiB/);
      const text = JSON.stringify(error) + String((error as Error).message);
      expect(text).not.toContain(key.private_key.split("\n")[1]!);
      expect(server.requests).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it("bucket names follow GCS's rules; tokenUri needs a key; a key that is not a service account's is refused", () => {
    const bad = (bucket: string) => !GcsSettingsSchema.safeParse({ bucket }).success;
    expect(bad("ab")).toBe(true);
    expect(bad("192.168.1.1")).toBe(true);
    expect(bad("goog-exports")).toBe(true);
    expect(bad("my-google-bucket")).toBe(true);
    expect(bad("a".repeat(64))).toBe(true);
    expect(bad("abm_exports.eu.example.com")).toBe(false);
    expect(bad("abm-exports")).toBe(false);
    const tokenOnly = GcsSettingsSchema.safeParse({ bucket: "abm-exports", tokenUri: "https://oauth2.example/token" });
    expect(tokenOnly.success ? [] : tokenOnly.error.issues.map((i) => i.path.join("."))).toEqual(["tokenUri"]);
    const key = createTestServiceAccount("https://oauth2.googleapis.com/token").key;
    const user = GcsSettingsSchema.safeParse({ bucket: "abm-exports", serviceAccountKey: { ...key, type: "authorized_user" } });
    expect(user.success ? [] : user.error.issues.map((i) => i.path.join("."))).toEqual(["serviceAccountKey.type"]);
  });

  it("defaults: Google's endpoint, an 8 MiB resumable threshold, 16 MiB chunks, 3 retries", () => {
    const s = GcsSettingsSchema.parse({ bucket: "abm-exports" });
    expect(s).toMatchObject({
      apiEndpoint: "https://storage.googleapis.com",
      resumableThresholdBytes: 8 * 2 ** 20,
      chunkSizeBytes: 16 * 2 ** 20,
      maxRetries: 3,
      keyPrefix: "",
    });
  });
});

describe("credentials", () => {
  it("a key the token endpoint does not trust stops the run with TOKEN_REFUSED, naming neither the key nor the assertion", async () => {
    const server = await startGcsServer();
    try {
      const stranger = createTestServiceAccount(`${server.url}/token`).key;
      const report = await activate(accountPlan({ ...server.settings(), serviceAccountKey: stranger }, "full"), {
        destination: gcsDestination,
        snapshot: fixtureSnapshot(5),
        audiences: [membership(ids("a", 0, 5))],
        now: NOW,
        state: new MemoryStateStore(),
      }).catch((e: unknown) => e);
      const text = JSON.stringify(report, Object.getOwnPropertyNames(report ?? {})) + String(report);
      expect(text).toMatch(/TOKEN_REFUSED|invalid_grant/);
      expect(text).not.toContain(stranger.private_key.split("\n")[1]!);
      expect(text).not.toMatch(/assertion=|eyJ[A-Za-z0-9_-]{20,}/);
      expect(server.requests.filter((r) => r.operation !== "token")).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
