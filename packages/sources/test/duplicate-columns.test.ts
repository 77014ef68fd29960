import { describe, expect, it } from "vitest";
import { INTENT_MAPPING, loadExports, readMarketoCsv, readPartnerCsv, readSalesforceCsv, readSalesforceJson } from "../src/index.js";
import { tempFiles } from "./support/temp-files.js";

const files = tempFiles();

describe("duplicate and unnamed header columns are kept under distinct names, with a warning", () => {
  it("Salesforce CSV: the first Name is the account name, later copies are attributes Name (2), Name (3)", async () => {
    const path = files.write("Account.csv", "Id,Name,Industry,Name,Name\n001Hs00001AcmeAIAR,Acme,Software,Acme Inc.,ACME\n");
    const { batch, report } = await readSalesforceCsv("Account", { path });
    expect(report).toMatchObject({ read: 1, loaded: 1, rejected: 0 });
    expect(batch.accounts![0]!.account).toMatchObject({ name: "Acme", industry: "Software", attributes: { "Name (2)": "Acme Inc.", "Name (3)": "ACME" } });
    const duplicate = report.problems.filter((p) => p.code === "duplicate_column");
    expect(duplicate).toEqual([expect.objectContaining({ line: 1, field: "Name", severity: "warning" })]);
    expect(duplicate[0]!.message).toContain("columns 2, 4 and 5");
    expect(duplicate[0]!.message).toContain("Name (2), Name (3)");
  });

  it("a new name never takes the name of another column", async () => {
    const path = files.write("Account.csv", "Id,Tier__c,Tier__c,Tier__c (2)\n001Hs00001AcmeAIAR,Gold,Silver,Bronze\n");
    const { batch, report } = await readSalesforceCsv("Account", { path });
    expect(batch.accounts![0]!.account.attributes).toEqual({ Tier__c: "Gold", "Tier__c (3)": "Silver", "Tier__c (2)": "Bronze" });
    expect(report.problems.map((p) => [p.field, p.code])).toEqual([
      ["Tier__c", "duplicate_column"],
      ["Tier__c (3)", "unknown_column"],
      ["Tier__c (2)", "unknown_column"],
    ]);
  });

  it("Marketo lead export: a repeated email column keeps both values", async () => {
    const path = files.write("leads.csv", "id,email,firstName,email\n1001,jane@acme.com,Jane,jane.doe@acme.com\n");
    const { batch, report } = await readMarketoCsv("leads", { path });
    expect(batch.persons![0]!.person).toMatchObject({ email: "jane@acme.com", attributes: { "email (2)": "jane.doe@acme.com" } });
    expect(report.problems).toEqual([expect.objectContaining({ line: 1, field: "email", code: "duplicate_column" })]);
  });

  it("partner CSV: the first score is read, the copy is reported and ignored like any column the table lacks", async () => {
    const path = files.write("intent.csv", "domain,topic,score,observedAt,score\nacme.com,CRM,80,2026-11-01,12\n");
    const { batch, report } = await readPartnerCsv({ path }, INTENT_MAPPING);
    expect(batch.related![0]!.row.values).toMatchObject({ score: 80 });
    expect(report.problems.map((p) => [p.field, p.code])).toEqual([
      ["score", "duplicate_column"],
      ["score (2)", "unknown_column"],
    ]);
  });

  it("an unnamed column (a trailing comma in the header) is kept as `column N`, with a warning, and the graph takes the record", async () => {
    const path = files.write("Account.csv", "Id,Name,\n001Hs00001AcmeAIAR,Acme,note\n001Hs00001BetaBIAR,Beta,\n");
    const { graph, reports } = await loadExports([{ source: "salesforce", object: "Account", path }]);
    expect(reports[0]).toMatchObject({ read: 2, loaded: 2, rejected: 0 });
    expect(reports[0]!.problems.map((p) => [p.line, p.field, p.code])).toEqual([
      [1, "column 3", "unnamed_column"],
      [1, "column 3", "unknown_column"],
    ]);
    expect(graph.report.problems).toEqual([]);
    expect(graph.entities().accounts.map((a) => [a.name, a.attributes])).toEqual([
      ["Acme", { "column 3": "note" }],
      ["Beta", undefined],
    ]);
  });

  it('JSON: a key "" is read as `(empty key)`, with a warning, and the graph takes the record', async () => {
    const leads = files.write("leads.json", '{"success":true,"result":[{"id":1001,"email":"jane@acme.com","":"x"},{"id":1002,"":"y"}]}');
    const contacts = files.write(
      "Contact.json",
      JSON.stringify({ totalSize: 1, done: true, records: [{ attributes: { type: "Contact", url: "/c" }, Id: "003Hs00002JaneDIAR", "": "z" }] }),
    );
    const { graph, reports } = await loadExports([
      { source: "marketo", export: "leads", path: leads },
      { source: "salesforce", object: "Contact", path: contacts },
    ]);
    expect(reports.map((r) => [r.read, r.loaded])).toEqual([
      [2, 2],
      [1, 1],
    ]);
    expect(reports[0]!.problems).toEqual([expect.objectContaining({ record: 1, field: "(empty key)", code: "unnamed_column" })]);
    expect(graph.report.problems).toEqual([]);
    expect(graph.entities().persons.map((p) => p.attributes?.["(empty key)"])).toEqual(["z", "x", "y"]);
  });

  it("Salesforce REST JSON: a literal dotted key that collides with a flattened relationship field is reported", async () => {
    const path = files.write(
      "Contact.json",
      JSON.stringify({
        totalSize: 1,
        done: true,
        records: [
          {
            attributes: { type: "Contact", url: "/c" },
            Id: "003Hs00002JaneDIAR",
            "Account.Name": "literal",
            Account: { attributes: { type: "Account", url: "/a" }, Name: "Acme" },
          },
        ],
      }),
    );
    const { batch, report } = await readSalesforceJson("Contact", { path });
    expect(batch.persons![0]!.person.attributes).toEqual({ "Account.Name": "literal" });
    expect(report.problems.filter((p) => p.code === "duplicate_column")).toEqual([
      expect.objectContaining({ record: 1, field: "Account.Name", severity: "warning" }),
    ]);
  });
});
