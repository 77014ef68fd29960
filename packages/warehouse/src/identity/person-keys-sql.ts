import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";

/** A staged table of person records and which export it holds. */
export interface StagedPersonTable {
  readonly table: string;
  readonly source: "salesforce:Contact" | "salesforce:Lead" | "marketo:leads";
}

/**
 * The own key and identity columns of each person export, as the readers'
 * mappings set them (`salesforceSpec("Contact" | "Lead")`, `marketoSpec("leads")`):
 * the namespace of the record's key and its column, then `[namespace, column]`
 * of each identity. These mirror the readers' `map` functions (which are code,
 * not data); the end-to-end test checks them against `loadExports`.
 */
const PERSON_KEYS: Record<StagedPersonTable["source"], { key: [string, string]; system: string; object: string; identities: [string, string][] }> = {
  "salesforce:Contact": { key: ["salesforce.contact", "Id"], system: "salesforce", object: "Contact", identities: [["email", "Email"]] },
  "salesforce:Lead": { key: ["salesforce.lead", "Id"], system: "salesforce", object: "Lead", identities: [["salesforce.contact", "ConvertedContactId"], ["email", "Email"]] },
  "marketo:leads": { key: ["marketo.lead", "id"], system: "marketo", object: "Lead", identities: [["salesforce.contact", "sfdcContactId"], ["salesforce.lead", "sfdcLeadId"], ["email", "email"]] },
};

/**
 * Statements that number the person records of staged tables (`record`, in
 * the order given, then `_record`) and write the inputs of the identity SQL:
 * `<prefix>records (record, namespace, value, system, object, source_table, source_record)`
 * and `<prefix>identities (record, namespace, value)`.
 */
export function personKeysSql(d: WarehouseDialect, tables: readonly StagedPersonTable[], prefix: string): string[] {
  const q = d.quote;
  const records = q(`${prefix}records`);
  const union = tables
    .map((t, i) => {
      const spec = PERSON_KEYS[t.source];
      return `SELECT ${i} AS part, _record AS source_record, ${d.literal(t.table)} AS source_table, ${d.literal(spec.key[0])} AS namespace, ${q(spec.key[1])} AS value, ${d.literal(spec.system)} AS system, ${d.literal(spec.object)} AS object FROM ${q(t.table)}`;
    })
    .join("\nUNION ALL\n");
  const identities = tables.flatMap((t) =>
    PERSON_KEYS[t.source].identities.map(([namespace, column]) => `SELECT r.record, ${d.literal(namespace)} AS namespace, CAST(s.${q(column)} AS VARCHAR) AS value FROM ${q(t.table)} s JOIN ${records} r ON r.source_table = ${d.literal(t.table)} AND r.source_record = s._record WHERE s.${q(column)} IS NOT NULL`),
  );
  return [
    `CREATE TABLE ${records} AS SELECT row_number() OVER (ORDER BY part, source_record) - 1 AS record, namespace, value, system, object, source_table, source_record FROM (${union}) u`,
    `CREATE TABLE ${q(`${prefix}identities`)} AS ${identities.join("\nUNION ALL\n")}`,
  ];
}
