import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";

/** A staged table that states links between persons and accounts, and which export it is. */
export interface StagedLinkTable {
  readonly table: string;
  readonly source: "salesforce:Contact" | "salesforce:Lead" | "salesforce:AccountContactRelation" | "marketo:leads";
}

/**
 * The links each export states, as the readers' mappings set them: the
 * person reference (namespace, column), the account reference (namespace,
 * column) and the rule, which becomes the link's `reason`. These mirror the
 * readers' `map` functions; the end-to-end test checks them against `loadExports`.
 */
const LINKS: Record<StagedLinkTable["source"], { person: [string, string]; account: [string, string]; rule: string }> = {
  "salesforce:Contact": { person: ["salesforce.contact", "Id"], account: ["salesforce.account", "AccountId"], rule: "contactAccount" },
  "salesforce:Lead": { person: ["salesforce.lead", "Id"], account: ["salesforce.account", "ConvertedAccountId"], rule: "leadConvertedAccount" },
  "salesforce:AccountContactRelation": {
    person: ["salesforce.contact", "ContactId"],
    account: ["salesforce.account", "AccountId"],
    rule: "accountContactRelation",
  },
  "marketo:leads": { person: ["marketo.lead", "id"], account: ["salesforce.account", "sfdcAccountId"], rule: "marketoSfdcAccount" },
};

/**
 * A statement writing `<prefix>links (link, rule, source_table, source_record)`
 * and two reference tables for `resolveRefsSql`, `<prefix>person_refs` and
 * `<prefix>account_refs` (`ref` = `link`): one row per stated link.
 */
export function linkRefsSql(d: WarehouseDialect, tables: readonly StagedLinkTable[], prefix: string): string[] {
  const q = d.quote;
  const union = tables
    .map((t, i) => {
      const spec = LINKS[t.source];
      return `SELECT ${i} AS part, _record AS source_record, ${d.literal(t.table)} AS source_table, ${d.literal(spec.rule)} AS rule, ${d.literal(spec.person[0])} AS person_namespace, CAST(${q(spec.person[1])} AS VARCHAR) AS person_value, ${d.literal(spec.account[0])} AS account_namespace, CAST(${q(spec.account[1])} AS VARCHAR) AS account_value FROM ${q(t.table)} WHERE ${q(spec.account[1])} IS NOT NULL`;
    })
    .join("\nUNION ALL\n");
  const links = q(`${prefix}links`);
  return [
    `CREATE TABLE ${links} AS SELECT row_number() OVER (ORDER BY part, source_record) AS link, rule, source_table, source_record, person_namespace, person_value, account_namespace, account_value FROM (${union}) u`,
    `CREATE TABLE ${q(`${prefix}person_refs`)} AS SELECT link AS ref, person_namespace AS namespace, person_value AS value FROM ${links}`,
    `CREATE TABLE ${q(`${prefix}account_refs`)} AS SELECT link AS ref, account_namespace AS namespace, account_value AS value FROM ${links}`,
  ];
}
