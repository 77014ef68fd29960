import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { toSnapshot, type IdentityConfigInput, type Snapshot } from "@abm-kit/core";
import { loadExports, FIRMOGRAPHICS_MAPPING, INTENT_MAPPING, TECHNOGRAPHICS_MAPPING, type ExportFile } from "@abm-kit/sources";
import { loadExportsIntoWarehouse } from "../src/index.js";
import { ENGINES, type TestEngine } from "./engines.js";

const fixture = (name: string) => fileURLToPath(new URL(`../../sources/test/fixtures/${name}`, import.meta.url));
const example = (name: string) => fileURLToPath(new URL(`../../../examples/data/${name}`, import.meta.url));
const AS_OF = "2026-11-20T12:00:00.000Z";

// The sample Contact.csv holds one malformed record on purpose (a quote inside an unquoted value): the in-memory
// reader rejects it, PostgreSQL refuses the file, DuckDB keeps the quote (see the staging tests). Both paths read
// a copy without that record here.
const sampleDir = mkdtempSync(join(tmpdir(), "abm-kit-wh-sample-"));
writeFileSync(
  join(sampleDir, "Contact.csv"),
  readFileSync(example("salesforce/Contact.csv"), "utf8")
    .split("\n")
    .filter((line) => !line.includes('Quo"te'))
    .join("\n"),
);
copyFileSync(example("salesforce/Lead.csv"), join(sampleDir, "Lead.csv"));
afterAll(() => rmSync(sampleDir, { recursive: true, force: true }));

const SALESFORCE = {
  instance: "00DSa0000000001",
  fieldTypes: { Segments__c: "multi" as const },
  consentColumns: { Ad_Opt_Out__c: { channel: "advertising", optOutWhen: true } },
};
const MARKETO = { instance: "123-ABC-456", consentColumns: { adOptOut: { channel: "advertising", optOutWhen: true } } };

/** The bundled sample's CSV files, read as the examples read them. */
const SAMPLE: ExportFile[] = [
  { source: "salesforce", object: "Account", path: example("salesforce/Account.csv"), options: SALESFORCE },
  { source: "salesforce", object: "Contact", path: join(sampleDir, "Contact.csv"), options: SALESFORCE },
  { source: "salesforce", object: "Lead", path: example("salesforce/Lead.csv"), options: SALESFORCE },
  { source: "salesforce", object: "AccountContactRelation", path: example("salesforce/AccountContactRelation.csv"), options: SALESFORCE },
  { source: "salesforce", object: "Opportunity", path: example("salesforce/Opportunity.csv"), options: SALESFORCE },
  { source: "salesforce", object: "OpportunityContactRole", path: example("salesforce/OpportunityContactRole.csv"), options: SALESFORCE },
  { source: "salesforce", object: "Campaign", path: example("salesforce/Campaign.csv"), options: SALESFORCE },
  { source: "salesforce", object: "CampaignMember", path: example("salesforce/CampaignMember.csv"), options: SALESFORCE },
  { source: "marketo", export: "leads", path: example("marketo/leads.csv"), options: MARKETO },
  { source: "marketo", export: "activities", path: example("marketo/activities.csv"), options: MARKETO },
  { source: "marketo", export: "companies", path: example("marketo/companies.csv"), options: MARKETO },
  { source: "marketo", export: "opportunities", path: example("marketo/opportunities.csv"), options: MARKETO },
  { source: "partner", mapping: INTENT_MAPPING, path: example("partner/intent.csv") },
  { source: "partner", mapping: TECHNOGRAPHICS_MAPPING, path: example("partner/technographics.csv") },
  { source: "partner", mapping: FIRMOGRAPHICS_MAPPING, path: example("partner/firmographics.csv") },
];
const SAMPLE_IDENTITY: IdentityConfigInput = {
  linkByEmailDomain: true,
  persons: {
    mergeOn: [
      { namespace: "salesforce.contact" },
      { namespace: "salesforce.lead" },
      { namespace: "marketo.lead" },
      { namespace: "email", maxRecordsPerValue: 5 },
    ],
  },
};

const FIXTURES: ExportFile[] = [
  { source: "salesforce", object: "Account", path: fixture("salesforce/Account.csv") },
  { source: "salesforce", object: "Contact", path: fixture("salesforce/Contact.csv") },
  { source: "salesforce", object: "Lead", path: fixture("salesforce/Lead.csv") },
  { source: "salesforce", object: "AccountContactRelation", path: fixture("salesforce/AccountContactRelation.csv") },
  { source: "salesforce", object: "Opportunity", path: fixture("salesforce/Opportunity.csv") },
  { source: "salesforce", object: "Campaign", path: fixture("salesforce/Campaign.csv") },
  { source: "marketo", export: "leads", path: fixture("marketo/leads.csv") },
  { source: "marketo", export: "companies", path: fixture("marketo/companies.csv") },
  { source: "marketo", export: "activities", path: fixture("marketo/activities.csv") },
  { source: "partner", mapping: FIRMOGRAPHICS_MAPPING, path: fixture("partner/firmographics.csv") },
];

const CASES: [string, ExportFile[], IdentityConfigInput][] = [
  ["the sources fixtures", FIXTURES, {}],
  ["the sources fixtures, linked by email domain", FIXTURES, { linkByEmailDomain: true }],
  ["the bundled sample data", SAMPLE, SAMPLE_IDENTITY],
];

/** Every row of a table, each as a JSON text with sorted keys, sorted. */
async function rowsOf(engine: TestEngine, table: string): Promise<string[]> {
  const rows = await engine.query(`SELECT * FROM ${table}`);
  return rows.map((row) => JSON.stringify(Object.fromEntries(Object.entries(row).sort(([a], [b]) => (a < b ? -1 : 1))))).sort();
}

async function inMemory(files: ExportFile[], identity: IdentityConfigInput): Promise<Snapshot> {
  const { graph } = await loadExports(files, { identity });
  return toSnapshot(graph, { asOf: AS_OF });
}

describe.each(ENGINES)("persons, accounts and links loaded into %s", (name, open) => {
  it.each(CASES)("from %s equal what the Snapshot writer writes", async (_label, files, identity) => {
    const snapshot = await inMemory(files, identity);
    const [sql, memory] = [await open(), await open()];
    try {
      const result = await loadExportsIntoWarehouse(sql.target, files, { identity });
      await memory.writeSnapshot(snapshot);
      for (const table of ["persons", "accounts", "links"]) {
        const [got, want] = [await rowsOf(sql, table), await rowsOf(memory, table)];
        expect(got, `${name} ${table}`).toEqual(want);
        expect(want.length).toBeGreaterThan(0);
      }
      expect({ persons: result.persons, accounts: result.accounts, links: result.links }).toEqual({
        persons: snapshot.persons.size,
        accounts: snapshot.accounts.size,
        links: snapshot.links.size,
      });
    } finally {
      await sql.close();
      await memory.close();
    }
  });
});
