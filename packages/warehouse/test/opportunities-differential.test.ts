import { describe, expect, it } from "vitest";
import { toSnapshot } from "@abm-kit/core";
import { loadExports, marketoSpec, salesforceSpec, type ExportFile } from "@abm-kit/sources";
import { warehouseDialect, writeOpportunities, writeOpportunityRoles } from "../src/index.js";
import { ACCOUNT_FILES, DATA_SETS, PERSON_FILES, stageAccounts, stagePersons } from "./data-sets.js";
import { ENGINES } from "./engines.js";
import { tableContents, writtenSnapshot } from "./snapshot-engines.js";

describe.each(ENGINES)("opportunities and their roles written in %s", (name, open) => {
  it.each(DATA_SETS)("equal the table writeSnapshotTo… writes for %s", async (_, path) => {
    const files: ExportFile[] = [
      ...ACCOUNT_FILES.map((f) => ({ ...f.file, path: path(f.path) }) as ExportFile),
      ...PERSON_FILES.map((f) => ({ ...f.file, path: path(f.path) }) as ExportFile),
      { source: "salesforce", object: "OpportunityContactRole", path: path("salesforce/OpportunityContactRole.csv") },
      { source: "salesforce", object: "Opportunity", path: path("salesforce/Opportunity.csv") },
      { source: "marketo", export: "opportunities", path: path("marketo/opportunities.csv") },
    ];
    const snapshot = toSnapshot((await loadExports(files)).graph, { asOf: "2026-12-01T00:00:00Z" });
    const engine = await open();
    const expected = await writtenSnapshot(name, snapshot);
    try {
      await stageAccounts(engine, path);
      await stagePersons(engine, path);
      await engine.stage({ path: path("salesforce/Opportunity.csv"), spec: salesforceSpec("Opportunity"), table: "sf_opportunities" });
      await engine.stage({ path: path("marketo/opportunities.csv"), spec: marketoSpec("opportunities"), table: "mk_opportunities" });
      const written = await writeOpportunities(engine.query, warehouseDialect(name), {
        opportunities: [
          { table: "sf_opportunities", source: "salesforce:Opportunity" },
          { table: "mk_opportunities", source: "marketo:opportunities" },
        ],
        accounts: { values: "a_values", clusters: "a_ids" },
      });
      const want = await tableContents(expected.query, "opportunities");
      const got = await tableContents(engine.query, "opportunities");
      expect(got.columns).toEqual(want.columns);
      expect(got.rows).toEqual(want.rows);
      expect(written.rows).toBe(snapshot.opportunities.size);
      // a Marketo copy of a Salesforce opportunity is one opportunity
      const [{ n } = { n: 0 }] = await engine.query("SELECT (SELECT count(*) FROM sf_opportunities) + (SELECT count(*) FROM mk_opportunities) AS n");
      expect(snapshot.opportunities.size).toBeLessThan(Number(n));
      await engine.stage({ path: path("salesforce/OpportunityContactRole.csv"), spec: salesforceSpec("OpportunityContactRole"), table: "sf_roles" });
      const roles = await writeOpportunityRoles(engine.query, warehouseDialect(name), {
        roles: [{ table: "sf_roles" }],
        persons: { values: "p_values", clusters: "p_ids" },
      });
      const wantRoles = await tableContents(expected.query, "opportunity_roles");
      expect(await tableContents(engine.query, "opportunity_roles")).toEqual(wantRoles);
      expect(roles.rows).toBe(snapshot.opportunityRoles.size);
      expect(wantRoles.rows.length).toBeGreaterThan(0);
    } finally {
      await expected.close();
      await engine.close();
    }
  });
});
