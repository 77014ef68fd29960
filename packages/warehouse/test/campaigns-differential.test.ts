import { describe, expect, it } from "vitest";
import { toSnapshot } from "@abm-kit/core";
import { loadExports, salesforceSpec, type ExportFile } from "@abm-kit/sources";
import { warehouseDialect, writeCampaignMembers, writeCampaigns } from "../src/index.js";
import { DATA_SETS, PERSON_FILES, stagePersons } from "./data-sets.js";
import { ENGINES } from "./engines.js";
import { tableContents, writtenSnapshot } from "./snapshot-engines.js";

describe.each(ENGINES)("campaigns and their members written in %s", (name, open) => {
  it.each(DATA_SETS)("equal the tables writeSnapshotTo… writes for %s", async (_, path) => {
    const files: ExportFile[] = [
      ...PERSON_FILES.map((f) => ({ ...f.file, path: path(f.path) }) as ExportFile),
      { source: "salesforce", object: "Campaign", path: path("salesforce/Campaign.csv") },
      { source: "salesforce", object: "CampaignMember", path: path("salesforce/CampaignMember.csv") },
    ];
    const snapshot = toSnapshot((await loadExports(files)).graph, { asOf: "2026-12-01T00:00:00Z" });
    const engine = await open();
    const expected = await writtenSnapshot(name, snapshot);
    const d = warehouseDialect(name);
    try {
      await stagePersons(engine, path);
      await engine.stage({ path: path("salesforce/Campaign.csv"), spec: salesforceSpec("Campaign"), table: "sf_campaigns" });
      await engine.stage({ path: path("salesforce/CampaignMember.csv"), spec: salesforceSpec("CampaignMember"), table: "sf_members" });
      const campaigns = await writeCampaigns(engine.query, d, { campaigns: [{ table: "sf_campaigns" }] });
      const members = await writeCampaignMembers(engine.query, d, { members: [{ table: "sf_members" }], persons: { values: "p_values", clusters: "p_ids" } });
      for (const table of ["campaigns", "campaign_members"])
        expect(await tableContents(engine.query, table)).toEqual(await tableContents(expected.query, table));
      expect(campaigns.rows).toBe(snapshot.campaigns.size);
      expect(members.rows).toBe(snapshot.campaignMembers.size);
      expect(snapshot.campaignMembers.size).toBeGreaterThan(0);
    } finally {
      await expected.close();
      await engine.close();
    }
  });
});
