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
