import { afterEach, describe, expect, it } from "vitest";
import { ValidationError } from "@abm-kit/core";
import { secretValuesOf } from "@abm-kit/destinations";
import { DEFAULT_LINKEDIN_VERSION, LinkedInSettingsSchema, readSegmentStatus } from "@abm-kit/destination-linkedin";
import { startFakeLinkedIn, type FakeLinkedInServer } from "@abm-kit/destination-linkedin/testing";
import { FAKE_NOW, idsOf, linkedInSnapshot, RUN_NOW } from "./helpers/fixture.js";
import { runLinkedIn } from "./helpers/run.js";

const servers: FakeLinkedInServer[] = [];
afterEach(async () => {
  while (servers.length > 0) await servers.pop()!.close();
});

describe("LinkedIn settings", () => {
  it("fills in the real hosts and defaults and reads the ad account as a URN", () => {
    const settings = LinkedInSettingsSchema.parse({ adAccountId: 507404993, clientId: "app", clientSecret: "s3cr3t-value", refreshToken: "rt-value" });
    expect(settings).toEqual({
      adAccountId: "urn:li:sponsoredAccount:507404993",
      clientId: "app",
      clientSecret: "s3cr3t-value",
      refreshToken: "rt-value",
      apiBaseUrl: "https://api.linkedin.com",
      authBaseUrl: "https://www.linkedin.com",
      linkedInVersion: DEFAULT_LINKEDIN_VERSION,
      segmentIdHeader: "x-restli-id",
      segmentName: "{audienceName} [{audienceId}]",
      sourcePlatform: "LIST_UPLOAD",
      maxBatchSize: 5000,
      segmentReadyDelayMs: 5000,
      notReadyRetryAfterMs: 2000,
      rateLimitWaitMs: 60_000,
      timeoutMs: 30_000,
      minMatchedMembers: 300,
    });
    expect(LinkedInSettingsSchema.parse({ ...settings, adAccountId: "urn:li:sponsoredAccount:42", apiBaseUrl: "http://127.0.0.1:9/" }).apiBaseUrl).toBe(
      "http://127.0.0.1:9",
    );
  });

  it("marks the client secret and the refresh token as secrets, so the runtime redacts them", () => {
    const input = { adAccountId: "1", clientId: "app-id-value", clientSecret: "s3cr3t-value", refreshToken: "rt-value-123" };
    expect(secretValuesOf(LinkedInSettingsSchema, input).sort()).toEqual(["rt-value-123", "s3cr3t-value"]);
  });

  it("turns every settings mistake into one ValidationError naming each path, before any request", async () => {
    const linkedin = await startFakeLinkedIn({ now: FAKE_NOW });
    servers.push(linkedin);
    const refreshToken = "AQWn-refresh-token-do-not-leak";
    const settings = {
      adAccountId: "acme",
      clientSecret: 12345678,
      refreshToken,
      apiBaseUrl: "ftp://api.linkedin.com",
      authBaseUrl: "not a url",
      linkedInVersion: "July 2026",
      segmentName: "Always the same name",
      maxBatchSize: 6000,
      timeoutMs: "30s",
      region: "eu",
    };
    const snapshot = linkedInSnapshot(3);
    const error = await runLinkedIn({
      settings,
      snapshot,
      audiences: [{ audienceId: "tier-1", type: "account", memberIds: idsOf(snapshot, "account") }],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const paths = (error as ValidationError).problems.map((p) => p.path.join("."));
    for (const path of ["adAccountId", "clientId", "clientSecret", "apiBaseUrl", "authBaseUrl", "linkedInVersion", "segmentName", "maxBatchSize", "timeoutMs"])
      expect(paths).toContain(path);
    expect((error as ValidationError).problems.some((p) => p.message.includes("region"))).toBe(true);
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain(refreshToken);
    expect(linkedin.fake.requests).toEqual([]);

    const again = await readSegmentStatus({ settings, segmentIds: ["1"], now: RUN_NOW }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ValidationError);
    expect((again as ValidationError).problems.length).toBe((error as ValidationError).problems.length);
    expect(linkedin.fake.requests).toEqual([]);
  });
});
