import { afterEach, describe, expect, it } from "vitest";
import { ValidationError } from "@abm-kit/core";
import { secretValuesOf } from "@abm-kit/destinations";
import { MarketoSettingsSchema } from "@abm-kit/destination-marketo";
import { startFakeMarketo, type FakeMarketoServer } from "@abm-kit/destination-marketo/testing";
import { idsOf, marketoSnapshot, RUN_NOW } from "./helpers/fixture.js";
import { runMarketo } from "./helpers/run.js";

const servers: FakeMarketoServer[] = [];
afterEach(async () => {
  while (servers.length > 0) await servers.pop()!.close();
});

describe("Marketo settings", () => {
  it("fills in the instance's hosts from the Munchkin id and the defaults", () => {
    const settings = MarketoSettingsSchema.parse({ munchkinId: "123-abc-456", clientId: "svc", clientSecret: "s3cr3t-value", listFolder: "ABM lists" });
    expect(settings).toEqual({
      munchkinId: "123-abc-456",
      clientId: "svc",
      clientSecret: "s3cr3t-value",
      restBaseUrl: "https://123-ABC-456.mktorest.com",
      identityBaseUrl: "https://123-ABC-456.mktorest.com",
      listFolder: "ABM lists",
      listFolderType: "Folder",
      listName: "{audienceName} [{audienceId}]",
      accountListName: "{audienceName} [{audienceId}]",
      createLeads: false,
      maxBatchSize: 300,
      maxConcurrency: 4,
      dailyCallBudget: 50_000,
      rateLimitWaitMs: 20_000,
      concurrencyWaitMs: 2_000,
      timeoutMs: 120_000,
    });
    expect(MarketoSettingsSchema.parse({ ...settings, restBaseUrl: "http://127.0.0.1:9/" }).restBaseUrl).toBe("http://127.0.0.1:9");
    expect(secretValuesOf(MarketoSettingsSchema, settings)).toEqual(["s3cr3t-value"]);
  });

  it("turns every settings mistake into one ValidationError naming each path, before any request", async () => {
    const marketo = await startFakeMarketo({ now: RUN_NOW });
    servers.push(marketo);
    const clientSecret = "marketo-client-secret-do-not-leak";
    const settings = {
      munchkinId: "acme",
      clientSecret,
      restBaseUrl: "ftp://123-ABC-456.mktorest.com",
      identityBaseUrl: "not a url",
      listFolderType: "Workspace",
      listName: "Always the same name",
      maxBatchSize: 301,
      maxConcurrency: 11,
      dailyCallBudget: 0,
      timeoutMs: "30s",
      region: "eu",
    };
    const snapshot = marketoSnapshot(3);
    const error = await runMarketo({ settings, snapshot, audiences: [{ audienceId: "buyers", type: "person", memberIds: idsOf(snapshot, "person") }] }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    const paths = (error as ValidationError).problems.map((p) => p.path.join("."));
    for (const path of [
      "munchkinId",
      "clientId",
      "restBaseUrl",
      "identityBaseUrl",
      "listFolder",
      "listFolderType",
      "listName",
      "maxBatchSize",
      "maxConcurrency",
      "dailyCallBudget",
      "timeoutMs",
    ])
      expect(paths).toContain(path);
    expect((error as ValidationError).problems.some((p) => p.message.includes("region"))).toBe(true);
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain(clientSecret);
    expect(marketo.fake.requests).toEqual([]);
    expect(marketo.harnessLog).toEqual([]);
  });

  it("a mapping of more than 50 lead attributes is a ValidationError before any request", async () => {
    const marketo = await startFakeMarketo({ now: RUN_NOW });
    servers.push(marketo);
    const snapshot = marketoSnapshot(3);
    const person = [
      { source: "person.email", target: "email" },
      ...Array.from({ length: 50 }, (_, i) => ({ source: "person.title", target: `Custom_${i}__c` })),
    ];
    const error = await runMarketo({
      settings: { ...marketo.settings(), createLeads: true },
      snapshot,
      audiences: [{ audienceId: "buyers", type: "person", memberIds: idsOf(snapshot, "person") }],
      mapping: { person },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems).toEqual([{ path: ["mapping", "person"], message: expect.stringMatching(/51 .*50/) }]);
    expect(marketo.harnessLog).toEqual([]);
    // 50 is fine
    const report = await runMarketo({
      settings: { ...marketo.settings(), createLeads: true },
      snapshot,
      audiences: [{ audienceId: "buyers", type: "person", memberIds: idsOf(snapshot, "person") }],
      mapping: { person: person.slice(0, 50) },
    });
    expect(report.status).toBe("completedWithFailures"); // the fake knows none of the custom fields: 1006 per person
    expect(report.failures.map((f) => f.message)).toEqual(["Field 'Custom_0__c' not found", "Field 'Custom_0__c' not found", "Field 'Custom_0__c' not found"]);
  });
});
