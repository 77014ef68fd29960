import { fileURLToPath } from "node:url";
import { resolveIdentityConfig } from "@abm-kit/core";
import { marketoSpec, salesforceSpec } from "@abm-kit/sources";
import {
  clusterRecordsInSql,
  identityValuesSql,
  linkRefsSql,
  marketoEventsSql,
  mergeConsentSql,
  mergeFieldsSql,
  personCandidatesSql,
  personKeysSql,
  PERSON_FIELDS,
  problemsTableDdl,
  rawCsvLoadSql,
  readCsvHeader,
  resolveRefsSql,
  typedStagingSql,
  type SqlRunner,
  type StagedPersonTable,
  type WarehouseDialect,
} from "../src/index.js";

const fixture = (name: string) => fileURLToPath(new URL(`../../sources/test/fixtures/${name}`, import.meta.url));

/** The exports of the golden flow: Salesforce contacts and leads, Marketo leads and activities (the sources' fixtures). */
export const GOLDEN_FILES = [
  {
    path: fixture("salesforce/Contact.csv"),
    table: "sf_contacts",
    source: "salesforce:Contact",
    spec: salesforceSpec("Contact"),
    extraTypes: { Seniority__c: "multi" },
  },
  { path: fixture("salesforce/Lead.csv"), table: "sf_leads", source: "salesforce:Lead", spec: salesforceSpec("Lead"), extraTypes: {} },
  {
    path: fixture("marketo/leads.csv"),
    table: "mk_leads",
    source: "marketo:leads",
    spec: marketoSpec("leads"),
    extraTypes: { leadScore: "number", adOptOut: "boolean" },
  },
  { path: fixture("marketo/activities.csv"), table: "mk_activities", source: undefined, spec: marketoSpec("activities"), extraTypes: {} },
] as const;

/** One titled group of statements of the flow. */
export interface GoldenSection {
  readonly title: string;
  readonly statements: readonly string[];
}

/** A runner that only records the statements and answers the label-propagation check with "no label changed" (one round). */
function recordingRunner(into: string[]): SqlRunner {
  return async (sql) => {
    into.push(sql);
    return sql.startsWith("SELECT count(*) AS changed") ? [{ changed: 0 }] : [];
  };
}

/**
 * The warehouse flow's SQL for one dialect, from the raw text tables on:
 * typed staging of every file (problems table included), then person identity
 * (keys, values, connected components, merged fields and consent), links and
 * Marketo events re-pointed to unified persons.
 */
export async function goldenSections(
  d: WarehouseDialect,
  rawLoad?: (file: (typeof GOLDEN_FILES)[number], columns: string[]) => string[],
): Promise<GoldenSection[]> {
  const config = resolveIdentityConfig({});
  const sections: GoldenSection[] = [{ title: "problems table", statements: [problemsTableDdl(d)] }];
  for (const f of GOLDEN_FILES) {
    const columns = await readCsvHeader(f.path);
    if (rawLoad !== undefined) sections.push({ title: `raw load of ${f.table}`, statements: rawLoad(f, columns) });
    sections.push({
      title: `typed staging of ${f.table}`,
      statements: typedStagingSql(d, {
        spec: f.spec,
        columns,
        rawTable: `${f.table}__raw`,
        typedTable: f.table,
        file: f.path.split("/").pop()!,
        extraTypes: f.extraTypes,
      }),
    });
  }
  const persons = GOLDEN_FILES.flatMap((f): StagedPersonTable[] => (f.source === undefined ? [] : [{ table: f.table, source: f.source }]));
  sections.push({ title: "person keys", statements: personKeysSql(d, persons, "p_") });
  sections.push({
    title: "identity values",
    statements: [`CREATE TABLE ${d.quote("p_values")} AS ${identityValuesSql(d, config, "p_records", "p_identities")}`],
  });
  const clustering: string[] = [];
  await clusterRecordsInSql(recordingRunner(clustering), d, config.persons, { records: "p_records", values: "p_values", output: "p_ids" });
  sections.push({ title: "connected components (one label-propagation round shown; the driver repeats it until no label changes)", statements: clustering });
  sections.push({ title: "person candidates", statements: personCandidatesSql(d, persons, "p_") });
  sections.push({
    title: "merged person fields",
    statements: [mergeFieldsSql(d, config.persons, { clusters: "p_ids", candidates: "p_candidates", fields: PERSON_FIELDS })],
  });
  sections.push({ title: "merged consent", statements: [mergeConsentSql(d, "p_ids", "p_consent")] });
  sections.push({
    title: "links",
    statements: [
      ...linkRefsSql(
        d,
        persons.map((p) => ({ table: p.table, source: p.source })),
        "l_",
      ),
      `CREATE TABLE ${d.quote("l_person_ids")} AS ${resolveRefsSql(d, { refs: "l_person_refs", values: "p_values", clusters: "p_ids" })}`,
    ],
  });
  sections.push({
    title: "Marketo events",
    statements: [
      ...marketoEventsSql(d, "mk_activities", "e_"),
      `CREATE TABLE ${d.quote("e_owner_ids")} AS ${resolveRefsSql(d, { refs: "e_owner_refs", values: "p_values", clusters: "p_ids" })}`,
    ],
  });
  return sections;
}

/** The sections as one text: a comment per section, statements separated by `;`. */
export function goldenText(d: WarehouseDialect, sections: readonly GoldenSection[]): string {
  return `${sections.map((s) => `-- ${s.title} (${d.name})\n${s.statements.join(";\n\n")};`).join("\n\n")}\n`;
}

/** Where each engine reads the fixture files from in the pinned flow. */
const LOCATION: Record<"snowflake" | "bigquery" | "spark", (file: string) => string> = {
  snowflake: (file) => `@abm_exports/${file}`,
  bigquery: (file) => `gs://abm-exports/${file.replace(/\.csv$/, ".numbered.csv")}`,
  spark: (file) => `s3a://abm-exports/${file}`,
};

/** The whole flow of a dialect: raw loads (Snowflake, BigQuery, Spark), typed staging, identity. */
export async function flowSections(d: WarehouseDialect): Promise<GoldenSection[]> {
  const location = d.name === "duckdb" || d.name === "postgres" ? undefined : LOCATION[d.name];
  const rawLoad =
    location === undefined
      ? undefined
      : (f: (typeof GOLDEN_FILES)[number], columns: string[]) =>
          rawCsvLoadSql(d, { columns, rawTable: `${f.table}__raw`, location: location(f.path.split("/").pop()!) });
  return goldenSections(d, rawLoad);
}
