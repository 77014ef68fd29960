import { describe, expect, it } from "vitest";
import { toSnapshot } from "@abm-kit/core";
import { loadExports, type ExportFile } from "@abm-kit/sources";
import {
  warehouseDialect,
  writeAccountEvents,
  writeCampaignMembers,
  writeCampaigns,
  writeOpportunities,
  writeOpportunityRoles,
  writePersonEvents,
} from "../src/index.js";
import { ACCOUNT_FILES, DATA_SETS, PERSON_FILES, stageAccounts, stagePersons } from "./data-sets.js";
import { ENGINES } from "./engines.js";
import { tableContents, writtenSnapshot } from "./snapshot-engines.js";

const [, fixture] = DATA_SETS[0];

describe.each(ENGINES)("without activity, opportunity or campaign files in %s", (name, open) => {
  it("the writers create the empty tables toSnapshot has", async () => {
    const files = [...ACCOUNT_FILES, ...PERSON_FILES].map((f) => ({ ...f.file, path: fixture(f.path) }) as ExportFile);
    const snapshot = toSnapshot((await loadExports(files)).graph, { asOf: "2026-12-01T00:00:00Z" });
    const engine = await open();
    const expected = await writtenSnapshot(name, snapshot);
    const d = warehouseDialect(name);
    try {
      await stageAccounts(engine, fixture);
      await stagePersons(engine, fixture);
      await engine.query("CREATE TABLE account_domains (entity_id VARCHAR, domain VARCHAR)");
      const persons = { values: "p_values", clusters: "p_ids" };
      await writePersonEvents(engine.query, d, { activities: [], persons });
      await writeAccountEvents(engine.query, d, { partners: [], accountDomains: "account_domains" });
      await writeOpportunities(engine.query, d, { opportunities: [], accounts: { values: "a_values", clusters: "a_ids" } });
      await writeOpportunityRoles(engine.query, d, { roles: [], persons });
      await writeCampaigns(engine.query, d, { campaigns: [] });
      await writeCampaignMembers(engine.query, d, { members: [], persons });
      for (const table of ["person_events", "account_events", "opportunities", "opportunity_roles", "campaigns", "campaign_members"]) {
        const want = await tableContents(expected.query, table);
        expect({ table, ...(await tableContents(engine.query, table)) }).toEqual({ table, ...want });
        expect(want.columns.length).toBeGreaterThan(0);
      }
    } finally {
      await expected.close();
      await engine.close();
    }
  });
});
