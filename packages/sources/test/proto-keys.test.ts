import { toSnapshot } from "@abm-kit/core";
import { describe, expect, it } from "vitest";
import { INTENT_MAPPING, loadExports, readMappedCsv, readMarketoJson, readPartnerCsv, readSalesforceCsv, readSalesforceJson } from "../src/index.js";
import { tempFiles } from "./support/temp-files.js";

const files = tempFiles();
/** Own entries, sorted: `__proto__` shows up here only when it is data, not a prototype. */
const entries = (o: object | undefined) => Object.entries(o ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));

describe("columns and keys named after Object.prototype members are data", () => {
  it("Salesforce CSV: constructor, toString, valueOf and __proto__ columns are kept as attributes, reported and declared", async () => {
    const path = files.write(
      "Account.csv",
      "Id,Name,constructor,toString,valueOf,__proto__\n001Hs00001AcmeAIAR,Acme,c1,t1,v1,p1\n001Hs00001BetaBIAR,Beta,,,,\n",
    );
    const { batch, report } = await readSalesforceCsv("Account", { path });
    expect(report).toMatchObject({ read: 2, loaded: 2, rejected: 0 });
    expect(entries(batch.accounts![0]!.account.attributes)).toEqual([
      ["__proto__", "p1"],
      ["constructor", "c1"],
      ["toString", "t1"],
      ["valueOf", "v1"],
    ]);
    // blank cells are missing, not the inherited members
    expect(batch.accounts![1]!.account.attributes).toBeUndefined();
    expect(report.problems.map((p) => [p.line, p.field, p.code])).toEqual([
      [1, "constructor", "unknown_column"],
      [1, "toString", "unknown_column"],
      [1, "valueOf", "unknown_column"],
      [1, "__proto__", "unknown_column"],
    ]);
    expect(entries(batch.fields!.account).map(([k]) => k)).toEqual(["__proto__", "constructor", "toString", "valueOf"]);
  });

  it("Marketo REST JSON: proto-named keys of one record are kept; a record without them does not inherit them", async () => {
    const path = files.write(
      "leads.json",
      '{"requestId":"1#2","success":true,"result":[{"id":1001,"email":"jane@acme.com","constructor":"c","toString":"t","__proto__":"p"},{"id":1002,"email":"carl@gmail.com"}]}',
    );
    const { batch, report } = await readMarketoJson("leads", { path });
    expect(report).toMatchObject({ read: 2, loaded: 2, rejected: 0, problems: [] });
    expect(entries(batch.persons![0]!.person.attributes)).toEqual([
      ["__proto__", "p"],
      ["constructor", "c"],
      ["toString", "t"],
    ]);
    expect(batch.persons![1]!.person.attributes).toBeUndefined();
  });

  it("Salesforce REST JSON: a top-level constructor field is an attribute", async () => {
    const path = files.write(
      "Account.json",
      JSON.stringify({
        totalSize: 2,
        done: true,
        records: [
          { attributes: { type: "Account", url: "/a" }, Id: "001Hs00001AcmeAIAR", constructor: "x" },
          { attributes: { type: "Account", url: "/b" }, Id: "001Hs00001BetaBIAR" },
        ],
      }),
    );
    const { batch } = await readSalesforceJson("Account", { path });
    expect(entries(batch.accounts![0]!.account.attributes)).toEqual([["constructor", "x"]]);
    expect(batch.accounts![1]!.account.attributes).toBeUndefined();
  });

  it("mapped CSV: an id column named constructor and a field column named toString work", async () => {
    const path = files.write("registrants.csv", "constructor,toString,hasOwnProperty\nr-1,jane@acme.com,yes\n");
    const { batch, report } = await readMappedCsv(
      { path },
      { entity: "person", system: "webinar-tool", idColumn: "constructor", fields: { toString: { field: "email", type: "string" as const } } },
    );
    expect(report).toMatchObject({ read: 1, loaded: 1, rejected: 0 });
    expect(batch.persons![0]).toMatchObject({ key: { value: "r-1" }, person: { email: "jane@acme.com" } });
    expect(entries(batch.persons![0]!.person.attributes)).toEqual([["hasOwnProperty", "yes"]]);
  });

  it("partner CSV: a constructor column the table does not have is reported, not silently ignored", async () => {
    const path = files.write("intent.csv", "domain,topic,score,observedAt,constructor\nacme.com,CRM,80,2026-11-01,x\n");
    const { report } = await readPartnerCsv({ path }, INTENT_MAPPING);
    expect(report.problems).toEqual([expect.objectContaining({ line: 1, field: "constructor", code: "unknown_column" })]);
  });

  it("the identity graph keeps constructor and toString attributes, also when records merge", async () => {
    const contacts = files.write("Contact.csv", "Id,LastName,Email,toString\n003Hs00002JaneDIAR,Doe,jane@acme.com,t\n");
    const leads = files.write("leads.csv", "id,email,lastName,constructor\n1001,jane@acme.com,Doe,c\n");
    const { graph } = await loadExports([
      { source: "salesforce", object: "Contact", path: contacts },
      { source: "marketo", export: "leads", path: leads },
    ]);
    expect(graph.report.problems).toEqual([]);
    const [jane] = graph.entities().persons;
    expect(jane!.sourceKeys).toHaveLength(2);
    expect(entries(jane!.attributes)).toEqual([
      ["constructor", "c"],
      ["toString", "t"],
    ]);
    expect(entries(graph.entities().fields.person).map(([k]) => k)).toEqual(["constructor", "toString"]);
    const snapshot = toSnapshot(graph, { asOf: "2026-11-20T12:00:00.000Z" });
    expect(snapshot.report.problems).toEqual([]);
    expect([snapshot.persons.value(0, "constructor"), snapshot.persons.value(0, "toString")]).toEqual(["c", "t"]);
  });
});
