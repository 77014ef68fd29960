import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { resolveIdentityConfig } from "@abm-kit/core";
import { loadExports, marketoSpec, salesforceSpec, type ExportFile } from "@abm-kit/sources";
import { clusterRecordsInSql, identityValuesSql, linkRefsSql, personKeysSql, resolveRefsSql, warehouseDialect } from "../src/index.js";
import { ENGINES } from "./engines.js";

const fixture = (name: string) => fileURLToPath(new URL(`../../sources/test/fixtures/${name}`, import.meta.url));

describe.each(ENGINES)("links of loaded exports in %s", (name, open) => {
  it("join the persons and accounts loadExports joins, each with its rule as reason", async () => {
    const files: ExportFile[] = [
      { source: "salesforce", object: "Account", path: fixture("salesforce/Account.csv") },
      { source: "salesforce", object: "Contact", path: fixture("salesforce/Contact.csv") },
      { source: "salesforce", object: "Lead", path: fixture("salesforce/Lead.csv") },
      { source: "salesforce", object: "AccountContactRelation", path: fixture("salesforce/AccountContactRelation.csv") },
      { source: "marketo", export: "leads", path: fixture("marketo/leads.csv") },
    ];
    const { graph } = await loadExports(files);
    const want = graph
      .entities()
      .links.map((l) => [l.accountId, l.personId, l.reason])
      .sort();
    const engine = await open();
    const d = warehouseDialect(name);
    const config = resolveIdentityConfig({});
    try {
      await engine.stage({ path: fixture("salesforce/Account.csv"), spec: salesforceSpec("Account"), table: "sf_accounts" });
      await engine.stage({ path: fixture("salesforce/Contact.csv"), spec: salesforceSpec("Contact"), table: "sf_contacts" });
      await engine.stage({ path: fixture("salesforce/Lead.csv"), spec: salesforceSpec("Lead"), table: "sf_leads" });
      await engine.stage({ path: fixture("salesforce/AccountContactRelation.csv"), spec: salesforceSpec("AccountContactRelation"), table: "sf_acr" });
      await engine.stage({ path: fixture("marketo/leads.csv"), spec: marketoSpec("leads"), table: "mk_leads" });
      const persons = [
        { table: "sf_contacts", source: "salesforce:Contact" },
        { table: "sf_leads", source: "salesforce:Lead" },
        { table: "mk_leads", source: "marketo:leads" },
      ] as const;
      for (const sql of personKeysSql(d, persons, "p_")) await engine.query(sql);
      await engine.query(`CREATE TABLE p_values AS ${identityValuesSql(d, config, "p_records", "p_identities")}`);
      await clusterRecordsInSql(engine.query, d, config.persons, { records: "p_records", values: "p_values", output: "p_ids" });
      // accounts: one Salesforce account file, so each account is its own id
      await engine.query(`CREATE TABLE a_records AS SELECT _record AS record, 'salesforce.account' AS namespace, "Id" AS value FROM sf_accounts`);
      await engine.query(`CREATE TABLE a_identities AS SELECT record, namespace, value FROM a_records WHERE FALSE`);
      await engine.query(`CREATE TABLE a_values AS ${identityValuesSql(d, config, "a_records", "a_identities")}`);
      await clusterRecordsInSql(engine.query, d, config.accounts, { records: "a_records", values: "a_values", output: "a_ids" });
      for (const sql of linkRefsSql(d, [...persons, { table: "sf_acr", source: "salesforce:AccountContactRelation" }], "l_")) await engine.query(sql);
      await engine.query(`CREATE TABLE l_person_ids AS ${resolveRefsSql(d, { refs: "l_person_refs", values: "p_values", clusters: "p_ids" })}`);
      await engine.query(`CREATE TABLE l_account_ids AS ${resolveRefsSql(d, { refs: "l_account_refs", values: "a_values", clusters: "a_ids" })}`);
      const rows = await engine.query(
        `SELECT a.entity_id AS account_id, p.entity_id AS person_id, l.rule FROM l_links l JOIN l_person_ids p ON p.ref = l.link JOIN l_account_ids a ON a.ref = l.link WHERE p.entity_id IS NOT NULL AND a.entity_id IS NOT NULL`,
      );
      const got = rows.map((r) => [r.account_id, r.person_id, r.rule]).sort();
      expect(got).toEqual(want);
      expect(new Set(want.map((l) => l[2])).size).toBeGreaterThan(1);
    } finally {
      await engine.close();
    }
  });
});
