import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { IdentityConfigInput } from "@abm-kit/core";
// the JSON-to-CSV step of the bundled examples (a private workspace package without a published entry point)
import { restJsonAsCsv } from "../../../examples/src/sample/asset-csv.js";
import { FIRMOGRAPHICS_MAPPING, INTENT_MAPPING, TECHNOGRAPHICS_MAPPING, type ExportFile } from "@abm-kit/sources";

export const fixture = (name: string) => fileURLToPath(new URL(`../../sources/test/fixtures/${name}`, import.meta.url));
export const example = (name: string) => fileURLToPath(new URL(`../../../examples/data/${name}`, import.meta.url));
export const AS_OF = "2026-11-20T12:00:00.000Z";

// The sample Contact.csv holds one malformed record on purpose (a quote inside an unquoted value): the in-memory
// reader rejects it, PostgreSQL refuses the file, DuckDB keeps the quote (see the staging tests). Both paths read
// a copy without that record here.
export const sampleDir = mkdtempSync(join(tmpdir(), "abm-kit-wh-sample-"));
writeFileSync(
  join(sampleDir, "Contact.csv"),
  readFileSync(example("salesforce/Contact.csv"), "utf8")
    .split("\n")
    .filter((line) => !line.includes('Quo"te'))
    .join("\n"),
);

const SALESFORCE = {
  instance: "00DSa0000000001",
  fieldTypes: { Segments__c: "multi" as const },
  consentColumns: { Ad_Opt_Out__c: { channel: "advertising", optOutWhen: true } },
};
const MARKETO = { instance: "123-ABC-456", consentColumns: { adOptOut: { channel: "advertising", optOutWhen: true } } };

/** The bundled sample's CSV files, read as the examples read them. */
export const SAMPLE: ExportFile[] = [
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
// The sample's assets are a REST JSON export, which staging does not read: both paths read it as CSV.
writeFileSync(join(sampleDir, "Asset.csv"), restJsonAsCsv(readFileSync(example("salesforce/Asset.json"), "utf8")));

/** The bundled sample's files, every one (the assets as CSV), as the demo reads them. */
export const SAMPLE_ALL: ExportFile[] = [
  ...SAMPLE,
  { source: "salesforce", object: "Product2", path: example("salesforce/Product2.csv"), options: SALESFORCE },
  { source: "salesforce", object: "Asset", path: join(sampleDir, "Asset.csv"), options: SALESFORCE },
];

export const SAMPLE_IDENTITY: IdentityConfigInput = {
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

export const FIXTURES: ExportFile[] = [
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

// Files of another tool, read with declared field mappings: registrants (persons, linked to a Salesforce account)
// and a second CRM's companies (accounts merged into the Salesforce ones by id).
writeFileSync(
  join(sampleDir, "registrants.csv"),
  [
    "regId,E-mail,First,Job Title,crmContact,acct,Attended,Interests",
    "r-1,bob@beta.co.uk,Robert,,,001Hs00001MuelCIAR,true,Data",
    "r-2,someone@else.example,,Head of Data,003Hs00002AnnaFIAR,,false,",
    "r-3,new.person@beta.co.uk,Nina,Data Engineer,,001Hs00001BetaBIAR,,Data;AI",
    "r-4,,Nobody,,,,,",
  ].join("\n"),
);
writeFileSync(
  join(sampleDir, "companies.csv"),
  ["acctId,Name,Site,sfId,Tier", "c-1,Beta Bank plc,beta.co.uk,001Hs00001BetaBIAR,Gold", "c-2,Delta Corp,https://delta.example.com,,Silver"].join("\n"),
);

writeFileSync(
  join(sampleDir, "attendees.csv"),
  ["attendeeId,email,companySite", "a-1,ann@muller.de,https://www.muller.de/en", "a-2,al@x.example,nowhere.example", "a-3,anna@mueller-gmbh.de,muller.de"].join(
    "\n",
  ),
);
writeFileSync(join(sampleDir, "suppliers.csv"), ["supplierId,duns", "s-1,150483782", "s-2,31 262 9999", "s-3,000"].join("\n"));

/** The fixtures plus mapped person and account files. */
export const MAPPED: ExportFile[] = [
  ...FIXTURES,
  {
    source: "mapped",
    path: join(sampleDir, "registrants.csv"),
    mapping: {
      entity: "person",
      system: "webinar",
      object: "Registrant",
      idColumn: "regId",
      fields: {
        "E-mail": { field: "email", type: "string" },
        First: { field: "firstName", type: "string" },
        "Job Title": { field: "title", type: "string" },
      },
      identities: [{ column: "crmContact", namespace: "salesforce.contact" }],
      account: { column: "acct", namespace: "salesforce.account", rule: "webinarCompany" },
    },
  },
  {
    source: "mapped",
    path: join(sampleDir, "companies.csv"),
    mapping: {
      entity: "account",
      system: "crmx",
      idColumn: "acctId",
      fields: { Name: { field: "name", type: "string" }, Site: { field: "domain", type: "string" } },
      identities: [{ column: "sfId", namespace: "salesforce.account" }],
    },
  },
  {
    source: "mapped",
    path: join(sampleDir, "attendees.csv"),
    mapping: {
      entity: "person",
      system: "events",
      idColumn: "attendeeId",
      fields: { email: { field: "email", type: "string" } },
      account: { column: "companySite", namespace: "domain", rule: "attendeeDomain" },
    },
  },
  {
    source: "mapped",
    path: join(sampleDir, "suppliers.csv"),
    mapping: { entity: "person", system: "procurement", idColumn: "supplierId", account: { column: "duns", namespace: "duns", rule: "supplierDuns" } },
  },
];
