import { afterEach, describe, expect, it } from "vitest";
import { ValidationError } from "@abm-kit/core";
import { secretValuesOf } from "@abm-kit/destinations";
import { DEFAULT_API_VERSION, SalesforceSettingsSchema } from "@abm-kit/destination-salesforce";
import { startFakeSalesforce, type FakeSalesforceServer } from "@abm-kit/destination-salesforce/testing";
import { idsOf, salesforceSnapshot } from "./helpers/fixture.js";
import { runSalesforce } from "./helpers/run.js";

const servers: FakeSalesforceServer[] = [];
afterEach(async () => {
  while (servers.length > 0) await servers.pop()!.close();
});

describe("Salesforce settings", () => {
  it("fills in the real login host and the defaults", () => {
    const settings = SalesforceSettingsSchema.parse({ auth: { flow: "clientCredentials", clientId: "app", clientSecret: "s3cr3t-value" } });
    expect(settings).toEqual({
      auth: { flow: "clientCredentials", clientId: "app", clientSecret: "s3cr3t-value" },
      loginUrl: "https://login.salesforce.com",
      apiVersion: DEFAULT_API_VERSION,
      person: { kind: "campaign", campaignName: "{audienceName} [{audienceId}]" },
      account: { kind: "names", object: "Account", field: "ABM_Audiences__c", value: "audienceName" },
      bulkThreshold: 2000,
      maxBatchSize: 10_000,
      bulkPollIntervalMs: 2000,
      bulkPollMaxIntervalMs: 30_000,
      bulkPollTimeoutMs: 1_800_000,
      timeoutMs: 60_000,
    });
  });

  it("marks the client secret, the refresh token and the private key as secrets", async () => {
    const sf = await startFakeSalesforce();
    servers.push(sf);
    const jwt = sf.settings("jwtBearer");
    expect(secretValuesOf(SalesforceSettingsSchema, jwt)).toEqual([sf.fake.credentials.privateKey]);
    const refresh = sf.settings("refreshToken");
    expect(secretValuesOf(SalesforceSettingsSchema, refresh).sort()).toEqual([sf.fake.credentials.clientSecret, sf.fake.credentials.refreshToken].sort());
  });

  it("turns every settings mistake into one ValidationError naming each path, before any request", async () => {
    const sf = await startFakeSalesforce();
    servers.push(sf);
    const refreshToken = "5Aep861-refresh-token-do-not-leak";
    const settings = {
      auth: { flow: "refreshToken", clientId: "", refreshToken, clientSecret: 42 },
      loginUrl: "ftp://login.salesforce.com",
      apiVersion: "v62",
      orgId: "acme",
      person: { kind: "campaign", campaignName: "Always the same" },
      account: { kind: "checkbox", fields: { "tier-1": "Tier 1!" } },
      bulkThreshold: -1,
      maxBatchSize: "big",
      region: "eu",
    };
    const snapshot = salesforceSnapshot(3);
    const error = await runSalesforce({
      settings,
      snapshot,
      audiences: [{ audienceId: "tier-1", type: "account", memberIds: idsOf(snapshot, "account") }],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const paths = (error as ValidationError).problems.map((p) => p.path.join("."));
    for (const path of [
      "auth.clientId",
      "auth.clientSecret",
      "loginUrl",
      "apiVersion",
      "orgId",
      "person.campaignName",
      "account.fields.tier-1",
      "bulkThreshold",
      "maxBatchSize",
    ])
      expect(paths).toContain(path);
    expect((error as ValidationError).problems.some((p) => p.message.includes("region"))).toBe(true);
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain(refreshToken);
    expect(sf.requests).toEqual([]);
  });

  it("refuses a JWT private key that is not an RSA key, an unknown auth flow and a field on the wrong object", () => {
    const result = SalesforceSettingsSchema.safeParse({
      auth: { flow: "jwtBearer", clientId: "app", username: "u@example.com", privateKey: "-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----" },
      account: { kind: "names", object: "Contact", field: "ABM_Audiences__c" },
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["auth.privateKey", "account.object"]));
    expect(SalesforceSettingsSchema.safeParse({ auth: { flow: "password", clientId: "app" } }).error!.issues[0]!.path).toEqual(["auth", "flow"]);
  });
});
