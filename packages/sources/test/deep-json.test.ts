import { describe, expect, it } from "vitest";
import { MAX_JSON_DEPTH, loadExports, readMappedJson, readMarketoCsv, readMarketoJson, readSalesforceJson, readSalesforceProducts } from "../src/index.js";
import { tempFiles } from "./support/temp-files.js";

const files = tempFiles();

/** A Salesforce REST record, as `GET /services/data/vXX.X/query` returns it. */
const sfRecord = (type: string, id: string, fields: Record<string, unknown>) => ({
  attributes: { type, url: `/services/data/v62.0/sobjects/${type}/${id}` },
  Id: id,
  ...fields,
});
/** A relationship chain `Parent.Parent.…` `levels` deep, as JSON text (built as text: too deep for JSON.stringify). */
const parentChain = (levels: number) => `${'{"attributes":{"type":"Account","url":"/x"},"Name":"up","Parent":'.repeat(levels)}null${"}".repeat(levels)}`;
/** `levels` nested arrays around a number, as JSON text. */
const nestedArrays = (levels: number) => `${"[".repeat(levels)}1${"]".repeat(levels)}`;

describe("JSON exports nested deeper than the limit", () => {
  it("Salesforce REST: the deep record is rejected with its record number and field, the others load", async () => {
    const acme = JSON.stringify(sfRecord("Account", "001Hs00001AcmeAIAR", { Name: "Acme" }));
    const beta = JSON.stringify(sfRecord("Account", "001Hs00001BetaBIAR", { Name: "Beta" })).replace(/}$/, `,"Parent":${parentChain(50_000)}}`);
    const muller = JSON.stringify(sfRecord("Account", "001Hs00001MuelCIAR", { Name: "Müller" }));
    const path = files.write("Account.json", `{"totalSize":3,"done":true,"records":[${acme},${beta},${muller}]}`);
    const { batch, report } = await readSalesforceJson("Account", { path });
    expect(report).toMatchObject({ read: 3, loaded: 2, rejected: 1 });
    expect(report.problems).toEqual([expect.objectContaining({ record: 2, field: "Parent", code: "too_deep", severity: "error" })]);
    expect(report.problems[0]!.message).toContain(`${MAX_JSON_DEPTH} levels`);
    expect(batch.accounts!.map((a) => a.account.name)).toEqual(["Acme", "Müller"]);
  });

  it("Salesforce REST Product2 lookup: the deep record is rejected, the others are products", async () => {
    const good = JSON.stringify(sfRecord("Product2", "01tHs00000ProdAIAR", { Name: "Platform", Family: "Software" }));
    const deep = JSON.stringify(sfRecord("Product2", "01tHs00000ProdBIAR", { Name: "Deep" })).replace(/}$/, `,"CreatedBy":${parentChain(50_000)}}`);
    const path = files.write("Product2.json", `{"totalSize":2,"done":true,"records":[${good},${deep}]}`);
    const { products, report } = await readSalesforceProducts({ path });
    expect(report).toMatchObject({ read: 2, loaded: 1, rejected: 1 });
    expect([...products.values()]).toEqual([{ name: "Platform", family: "Software" }]);
  });

  it("Marketo REST: a lead with a field nested thousands deep is rejected, the others load", async () => {
    const path = files.write(
      "leads.json",
      `{"requestId":"e42b#14272d07d78","success":true,"result":[{"id":1001,"email":"jane@acme.com"},{"id":1002,"email":"carl@gmail.com","tags":${nestedArrays(5000)}},{"id":1003,"email":"dora@beta.co.uk"}]}`,
    );
    const { batch, report } = await readMarketoJson("leads", { path });
    expect(report).toMatchObject({ read: 3, loaded: 2, rejected: 1 });
    expect(report.problems).toEqual([expect.objectContaining({ record: 2, field: "tags", code: "too_deep", severity: "error" })]);
    expect(batch.persons!.map((p) => p.key.value)).toEqual(["1001", "1003"]);
  });

  it("mapped JSON: a record at the depth limit loads, one level deeper is rejected", async () => {
    const atLimit = nestedArrays(MAX_JSON_DEPTH - 1); // the record itself is the first level
    const path = files.write(
      "registrants.json",
      `[{"id":"r-1","extra":${atLimit}},{"id":"r-2","extra":[${atLimit}]},{"id":"r-3","extra":${nestedArrays(10_000)}}]`,
    );
    const { batch, report } = await readMappedJson({ path }, { entity: "person", system: "webinar-tool", idColumn: "id" });
    expect(report).toMatchObject({ read: 3, loaded: 1, rejected: 2 });
    expect(report.problems.map((p) => [p.record, p.field, p.code])).toEqual([
      [2, "extra", "too_deep"],
      [3, "extra", "too_deep"],
    ]);
    expect(batch.persons!.map((p) => p.key.value)).toEqual(["r-1"]);
  });

  it("Marketo bulk activity CSV: an attributes cell nested too deep loads the event without its attributes, with a warning", async () => {
    const deepCell = `{""Webpage URL"":""/pricing"",""Form Fields"":${nestedArrays(5000)}}`;
    const path = files.write(
      "activities.csv",
      `marketoGUID,leadId,activityDate,activityTypeId,campaignId,primaryAttributeValueId,primaryAttributeValue,attributes\n9001,1001,2026-11-10T14:00:00Z,1,,55,/pricing,"${deepCell}"\n9002,1001,2026-11-11T14:00:00Z,10,,88,Newsletter,\n`,
    );
    const { batch, report } = await readMarketoCsv("activities", { path });
    expect(report).toMatchObject({ read: 2, loaded: 2, rejected: 0 });
    expect(report.problems).toEqual([expect.objectContaining({ line: 2, field: "attributes", code: "too_deep", severity: "warning" })]);
    expect(batch.events![0]!.event.properties).toEqual({ webpage: "/pricing", primaryAttributeValueId: "55" });
  });

  it("loadExports reads every file when one of them is nested too deep", async () => {
    const deep = files.write(
      "Contact.json",
      `{"totalSize":1,"done":true,"records":[${JSON.stringify(sfRecord("Contact", "003Hs00002JaneDIAR", { LastName: "Doe" })).replace(/}$/, `,"Account":${parentChain(50_000)}}`)}]}`,
    );
    const fine = files.write("leads.json", `{"success":true,"result":[{"id":1001,"email":"jane@acme.com"}]}`);
    const { graph, reports } = await loadExports([
      { source: "salesforce", object: "Contact", path: deep },
      { source: "marketo", export: "leads", path: fine },
    ]);
    expect(reports.map((r) => [r.read, r.loaded, r.rejected])).toEqual([
      [1, 0, 1],
      [1, 1, 0],
    ]);
    expect(graph.entities().persons.map((p) => p.id)).toEqual(["marketo.lead:1001"]);
  });
});
