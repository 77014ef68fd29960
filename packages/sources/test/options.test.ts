import { AbmKitError } from "@abm-kit/core";
import { describe, expect, it } from "vitest";
import {
  INTENT_MAPPING,
  loadExports,
  readCsv,
  readMappedCsv,
  readMappedJson,
  readMarketoCsv,
  readMarketoJson,
  readPartnerCsv,
  readSalesforceCsv,
  readSalesforceJson,
  readSalesforceProducts,
} from "../src/index.js";
import { createFileReport } from "../src/internal/index.js";
import { tempFiles } from "./support/temp-files.js";

const files = tempFiles();
const account = files.write("Account.csv", "Id,Name,Tier__c\n001Hs00001AcmeAIAR,Acme,Gold\n");
const accountJson = files.write("Account.json", '{"totalSize":0,"done":true,"records":[]}');
const leads = files.write("leads.csv", "id,email\n1001,jane@acme.com\n");
const intent = files.write("intent.csv", "domain,topic,score,observedAt\nacme.com,CRM,80,2026-11-01\n");

/** Awaits a call that must fail with a typed error naming each path (`options.fieldTypes.Tier__c`). */
async function rejectsAt(call: () => Promise<unknown>, ...paths: string[]): Promise<void> {
  let error: unknown;
  try {
    await call();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(AbmKitError);
  expect((error as AbmKitError).code).toBe("VALIDATION_FAILED");
  const got = (error as AbmKitError).problems.map((p) => p.path.join("."));
  for (const path of paths) expect(got).toContain(path);
}

describe("reader arguments of the wrong shape are a typed error naming the path", () => {
  it("Salesforce readers: options, field types, consent columns, products, the object and the input", async () => {
    await rejectsAt(() => readSalesforceCsv("Account", { path: account }, { fieldTypes: { Tier__c: "planet" } } as never), "options.fieldTypes.Tier__c");
    await rejectsAt(() => readSalesforceCsv("Account", { path: account }, null as never), "options");
    await rejectsAt(
      () => readSalesforceCsv("Account", { path: account }, { consentColumns: { Ad_Opt_Out__c: 5 } } as never),
      "options.consentColumns.Ad_Opt_Out__c",
    );
    await rejectsAt(() => readSalesforceCsv("Account", { path: account }, { instance: 42, name: ["x"] } as never), "options.instance", "options.name");
    await rejectsAt(() => readSalesforceCsv("Account", { path: account }, { products: { "01t": { name: "x" } } } as never), "options.products");
    await rejectsAt(() => readSalesforceCsv("Planet" as never, { path: account }), "object");
    await rejectsAt(() => readSalesforceCsv("Account", null as never), "input");
    await rejectsAt(() => readSalesforceCsv("Account", { path: 5 } as never), "input");
    await rejectsAt(() => readSalesforceJson("Account", { path: accountJson }, { ownedProductsTable: "" }), "options.ownedProductsTable");
    await rejectsAt(() => readSalesforceProducts({ text: "Id,Name\n", name: 7 } as never), "input");
  });

  it("Marketo readers: the export kind, activity types and field types", async () => {
    await rejectsAt(() => readMarketoCsv("planets" as never, { path: leads }), "kind");
    await rejectsAt(() => readMarketoCsv("activities", { path: leads }, { activityTypes: { 1: 7 } } as never), "options.activityTypes.1");
    await rejectsAt(
      () => readMarketoJson("leads", { text: "[]", name: "leads.json" }, { fieldTypes: { leadScore: 1 } } as never),
      "options.fieldTypes.leadScore",
    );
  });

  it("partner readers: a mapping without a table, with a bad type, or with an event field it does not have", async () => {
    await rejectsAt(() => readPartnerCsv({ path: intent }, {} as never), "mapping.table", "mapping.keyColumn");
    await rejectsAt(
      () => readPartnerCsv({ path: intent }, { ...INTENT_MAPPING, fields: { score: { column: "score", type: "float" } } } as never),
      "mapping.fields.score.type",
    );
    await rejectsAt(
      () => readPartnerCsv({ path: intent }, { ...INTENT_MAPPING, accountEvents: { type: "Intent Surge", at: "seenAt" } }),
      "mapping.accountEvents.at",
    );
  });

  it("mapped readers: an event mapping without an owner, a time or a type", async () => {
    await rejectsAt(
      () => readMappedCsv({ text: "id\n1\n", name: "web.csv" }, { entity: "event", system: "web", idColumn: "id" }),
      "mapping.owner",
      "mapping.occurredAtColumn",
      "mapping.eventType",
    );
    await rejectsAt(
      () => readMappedJson({ text: "[]", name: "web.json" }, { entity: "person", system: "web", idColumn: "id" }, { name: 3 } as never),
      "options.name",
    );
  });

  it("readCsv: the input and the report", async () => {
    await rejectsAt(() => readCsv(undefined as never, createFileReport("a.csv", "x")), "input");
    await rejectsAt(() => readCsv({ path: account }, {} as never), "report.file", "report.problems");
  });

  it("loadExports: the list, each file, and the options", async () => {
    await rejectsAt(() => loadExports(null as never), "files");
    await rejectsAt(() => loadExports([{ source: "hubspot", path: account }] as never), "files.0.source");
    await rejectsAt(
      () => loadExports([{ source: "salesforce", object: "Account", path: account, options: { fieldTypes: { Tier__c: "planet" } } }] as never),
      "files.0.options.fieldTypes.Tier__c",
    );
    await rejectsAt(() => loadExports([{ source: "partner", path: intent }] as never), "files.0.mapping");
    await rejectsAt(() => loadExports([], { graph: {} } as never), "options.graph");
    await rejectsAt(() => loadExports([], { identity: "strict" } as never), "options.identity");
  });

  it("loadExports checks every file before reading any: a graph passed in is left untouched", async () => {
    const { graph } = await loadExports([]);
    await rejectsAt(
      () =>
        loadExports(
          [
            { source: "salesforce", object: "Account", path: account },
            { source: "marketo", export: "leads", path: leads, options: { instance: 1 } },
          ] as never,
          { graph },
        ),
      "files.1.options.instance",
    );
    expect(graph.entities().accounts).toEqual([]);
  });
});
