import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ValidationError } from "@abm-kit/core";
import { loadExports, type ExportFile } from "@abm-kit/sources";
import { loadExportsIntoWarehouse, type WarehouseTableFiller } from "../src/index.js";
import { duckdb, ENGINES } from "./engines.js";
import { fixture } from "./layout-cases.js";

const dir = mkdtempSync(join(tmpdir(), "abm-kit-wh-api-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("loadExportsIntoWarehouse's arguments", () => {
  it("name every file it cannot load and every table two fillers both fill, before loading anything", async () => {
    const engine = await duckdb();
    const filler = (name: string): WarehouseTableFiller => ({ name, tables: ["campaigns"], layout: async () => ({}), fill: async () => ({}) });
    try {
      const files: ExportFile[] = [
        { source: "salesforce", object: "Contact", path: fixture("salesforce/Contact.json") },
        { source: "salesforce", object: "Contact", text: "Id\n1", name: "inline.csv" },
      ];
      const error = await loadExportsIntoWarehouse(engine.target, files, { fillers: [filler("one"), filler("two")] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).problems.map((p) => p.path.join("."))).toEqual(["files.0.path", "files.1.path", "fillers.1.tables"]);
      expect(await engine.query("SELECT count(*) AS n FROM information_schema.tables")).toEqual([{ n: "0" }]);
    } finally {
      await engine.close();
    }
  });

  it("refuse a DuckDB connection that does not keep insertion order (record numbers follow the file's order), before loading anything", async () => {
    writeFileSync(join(dir, "Order.csv"), "Id,Email\n003000000000001AAA,a@x.example\n");
    const engine = await duckdb();
    try {
      await engine.query("SET preserve_insertion_order = false");
      const error = await loadExportsIntoWarehouse(engine.target, [{ source: "salesforce", object: "Contact", path: join(dir, "Order.csv") }]).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).code).toBe("VALIDATION_FAILED");
      expect((error as ValidationError).problems).toEqual([
        { path: ["connection", "preserve_insertion_order"], message: expect.stringMatching(/SET preserve_insertion_order = true/) },
      ]);
      expect(await engine.query("SELECT count(*) AS n FROM information_schema.tables")).toEqual([{ n: "0" }]);
      await engine.query("SET preserve_insertion_order = true");
      const loaded = await loadExportsIntoWarehouse(engine.target, [{ source: "salesforce", object: "Contact", path: join(dir, "Order.csv") }]);
      expect(loaded.persons).toBe(1);
    } finally {
      await engine.close();
    }
  });

  it("refuse an attribute with two types in two files of one kind, naming both", async () => {
    writeFileSync(join(dir, "Contact.csv"), "Id,Email,Score__c\n003000000000001AAA,a@x.example,12\n");
    writeFileSync(join(dir, "Lead.csv"), "Id,Email,Score__c\n00Q000000000001AAA,b@x.example,high\n");
    const engine = await duckdb();
    try {
      const error = await loadExportsIntoWarehouse(engine.target, [
        { source: "salesforce", object: "Contact", path: join(dir, "Contact.csv") },
        { source: "salesforce", object: "Lead", path: join(dir, "Lead.csv") },
      ]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).problems).toEqual([
        { path: ["person", "Score__c"], message: expect.stringMatching(/number in wh_file0_salesforce_contact and string in wh_file1_salesforce_lead/) },
      ]);
    } finally {
      await engine.close();
    }
  });
});

describe.each(ENGINES)("a table filler in %s", (_name, open) => {
  it("gives the fields of its table, fills it after persons, accounts and links, and its counts are returned", async () => {
    const seen: string[] = [];
    const campaigns: WarehouseTableFiller = {
      name: "test campaigns",
      tables: ["campaigns"],
      layout: async (context) => {
        seen.push(`layout ${context.exports.map((e) => e.kind).join(",")}`);
        return { campaigns: { name: "string", Budget__c: "number" } };
      },
      fill: async (context, layout) => {
        const [persons] = await context.run(`SELECT count(*) AS n FROM persons`);
        seen.push(`fill after ${Number(persons!.n)} persons, fields ${Object.keys(layout.campaigns).sort().join(",")}`);
        await context.run(`INSERT INTO campaigns (id, _row, name, "Budget__c") VALUES ('701000000000001AAA', 0, 'From a filler', 1000)`);
        return { campaigns: 1 };
      },
    };
    const engine = await open();
    try {
      const files: ExportFile[] = [
        { source: "salesforce", object: "Account", path: fixture("salesforce/Account.csv") },
        { source: "salesforce", object: "Contact", path: fixture("salesforce/Contact.csv") },
      ];
      const result = await loadExportsIntoWarehouse(engine.target, files, { fillers: [campaigns] });
      const { reports } = await loadExports(files);
      expect(seen).toEqual(["layout salesforce:Account,salesforce:Contact", `fill after ${result.persons} persons, fields Budget__c,name`]);
      expect(result.tables).toMatchObject({ campaigns: 1, opportunities: 0, person_events: 0, persons: result.persons, links: result.links });
      // the fixture Account.csv repeats an id: one record is rejected, as the in-memory reader rejects it
      expect(result.files.map((f) => [f.file, f.read, f.loaded, f.rejected])).toEqual(reports.map((r) => [r.file, r.read, r.loaded, r.rejected]));
      expect(result.files[0]!.rejected).toBe(1);
      expect(await engine.query(`SELECT id, name, "Budget__c" FROM campaigns`)).toEqual([{ id: "701000000000001AAA", name: "From a filler", Budget__c: 1000 }]);
    } finally {
      await engine.close();
    }
  });

  it("replaces the built-in filler of its table; the other built-in fillers still run, after it", async () => {
    const campaigns: WarehouseTableFiller = {
      name: "own campaigns",
      tables: ["campaigns"],
      layout: async () => ({ campaigns: { name: "string" } }),
      fill: async (context) => {
        await context.run(`INSERT INTO campaigns (id, _row, name) VALUES ('701Hs00007CmpA1IAJ', 0, 'Renamed by a filler')`);
        return { campaigns: 1 };
      },
    };
    const engine = await open();
    try {
      const files: ExportFile[] = [
        { source: "salesforce", object: "Account", path: fixture("salesforce/Account.csv") },
        { source: "salesforce", object: "Contact", path: fixture("salesforce/Contact.csv") },
        { source: "salesforce", object: "Lead", path: fixture("salesforce/Lead.csv") },
        { source: "salesforce", object: "Campaign", path: fixture("salesforce/Campaign.csv") },
        { source: "salesforce", object: "CampaignMember", path: fixture("salesforce/CampaignMember.csv") },
      ];
      const result = await loadExportsIntoWarehouse(engine.target, files, { fillers: [campaigns] });
      expect(await engine.query(`SELECT id, name FROM campaigns`)).toEqual([{ id: "701Hs00007CmpA1IAJ", name: "Renamed by a filler" }]);
      expect(result.layout.campaigns).toEqual({ name: "string" });
      // the built-in members filler read the caller's campaigns table
      const members = await engine.query(`SELECT DISTINCT _campaign_id FROM campaign_members`);
      expect(members).toEqual([{ _campaign_id: "701Hs00007CmpA1IAJ" }]);
      expect(result.tables.campaign_members).toBeGreaterThan(0);
    } finally {
      await engine.close();
    }
  });
});
