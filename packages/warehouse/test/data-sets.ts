import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { resolveIdentityConfig } from "@abm-kit/core";
import { marketoSpec, salesforceSpec } from "@abm-kit/sources";
import { clusterRecordsInSql, identityValuesSql, personKeysSql, warehouseDialect, type StagedPersonTable } from "../src/index.js";
import type { TestEngine } from "./engines.js";

const fixtures = fileURLToPath(new URL("../../sources/test/fixtures", import.meta.url));

let sampleDir: string | undefined;

/**
 * The bundled sample data (examples/data), copied without the record of
 * Contact.csv that is malformed on purpose (PostgreSQL refuses the whole file;
 * see "Differences from the in-memory readers" in docs/warehouse.md).
 */
function sample(): string {
  if (sampleDir === undefined) {
    sampleDir = mkdtempSync(join(tmpdir(), "abm-kit-sample-"));
    cpSync(fileURLToPath(new URL("../../../examples/data", import.meta.url)), sampleDir, { recursive: true });
    const contacts = join(sampleDir, "salesforce/Contact.csv");
    const lines = readFileSync(contacts, "utf8").split("\n");
    writeFileSync(contacts, lines.filter((l) => !l.includes('Quo"te')).join("\n"));
  }
  return sampleDir;
}

/** The data sets the differential tests read: a name and the path of a file in it. */
export const DATA_SETS = [
  ["the sources fixtures", (name: string) => join(fixtures, name)],
  ["the bundled sample data", (name: string) => join(sample(), name)],
] as const;

export const PERSON_FILES = [
  {
    path: "salesforce/Contact.csv",
    table: "sf_contacts",
    source: "salesforce:Contact",
    spec: salesforceSpec("Contact"),
    file: { source: "salesforce", object: "Contact" },
  },
  { path: "salesforce/Lead.csv", table: "sf_leads", source: "salesforce:Lead", spec: salesforceSpec("Lead"), file: { source: "salesforce", object: "Lead" } },
  { path: "marketo/leads.csv", table: "mk_leads", source: "marketo:leads", spec: marketoSpec("leads"), file: { source: "marketo", export: "leads" } },
] as const;

/** Stages the person files and clusters them as the end-to-end tests do: `p_values`, `p_ids`. */
export async function stagePersons(engine: TestEngine, path: (name: string) => string): Promise<void> {
  const d = warehouseDialect(engine.name);
  const config = resolveIdentityConfig({});
  for (const f of PERSON_FILES) await engine.stage({ path: path(f.path), spec: f.spec, table: f.table });
  for (const sql of personKeysSql(
    d,
    PERSON_FILES.map((f): StagedPersonTable => ({ table: f.table, source: f.source })),
    "p_",
  ))
    await engine.query(sql);
  await engine.query(`CREATE TABLE p_values AS ${identityValuesSql(d, config, "p_records", "p_identities")}`);
  await clusterRecordsInSql(engine.query, d, config.persons, { records: "p_records", values: "p_values", output: "p_ids" });
}

export const ACCOUNT_FILES = [
  { path: "salesforce/Account.csv", table: "sf_accounts", spec: salesforceSpec("Account"), file: { source: "salesforce", object: "Account" } },
  { path: "marketo/companies.csv", table: "mk_companies", spec: marketoSpec("companies"), file: { source: "marketo", export: "companies" } },
] as const;

/**
 * Stages the account files and clusters them: `a_values`, `a_ids` (keys and
 * identities as the readers set them: a Salesforce account by its id, a
 * Marketo company by its id with its `sfdcAccountId` and `externalCompanyId`).
 */
export async function stageAccounts(engine: TestEngine, path: (name: string) => string): Promise<void> {
  const d = warehouseDialect(engine.name);
  const config = resolveIdentityConfig({});
  for (const f of ACCOUNT_FILES) await engine.stage({ path: path(f.path), spec: f.spec, table: f.table });
  await engine.query(
    `CREATE TABLE a_records AS SELECT row_number() OVER (ORDER BY part, source_record) - 1 AS record, namespace, value, source_table, source_record FROM (SELECT 0 AS part, _record AS source_record, 'sf_accounts' AS source_table, 'salesforce.account' AS namespace, "Id" AS value FROM sf_accounts UNION ALL SELECT 1, _record, 'mk_companies', 'marketo.company', "id" FROM mk_companies) u`,
  );
  await engine.query(
    `CREATE TABLE a_identities AS SELECT r.record, 'salesforce.account' AS namespace, c."sfdcAccountId" AS value FROM mk_companies c JOIN a_records r ON r.source_table = 'mk_companies' AND r.source_record = c._record WHERE c."sfdcAccountId" IS NOT NULL
     UNION ALL SELECT r.record, 'marketo.externalCompanyId', c."externalCompanyId" FROM mk_companies c JOIN a_records r ON r.source_table = 'mk_companies' AND r.source_record = c._record WHERE c."externalCompanyId" IS NOT NULL`,
  );
  await engine.query(`CREATE TABLE a_values AS ${identityValuesSql(d, config, "a_records", "a_identities")}`);
  await clusterRecordsInSql(engine.query, d, config.accounts, { records: "a_records", values: "a_values", output: "a_ids" });
}
