import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { toSnapshot } from "@abm-kit/core";
import { loadExports, salesforceSpec, type ExportFile } from "@abm-kit/sources";
import { warehouseDialect, writeCampaignMembers, writeCampaigns, writeOpportunities, writeOpportunityRoles } from "../src/index.js";
import { ACCOUNT_FILES, DATA_SETS, PERSON_FILES, stageAccounts, stagePersons } from "./data-sets.js";
import { ENGINES } from "./engines.js";
import { tableContents, writtenSnapshot } from "./snapshot-engines.js";

const [, fixture] = DATA_SETS[0];

/**
 * Exports with custom columns of every type (a blank one too), a column named
 * like a standard field, a campaign member with neither contact nor lead, one
 * of an unknown campaign, one of an unknown contact, and a role of an unknown
 * opportunity.
 */
const FILES: Record<string, string> = {
  "Opportunity.csv": [
    "Id,AccountId,Name,StageName,Amount,CloseDate,IsClosed,IsWon,Score__c,Strategic__c,Renewal_Date__c,Last_Touch__c,Notes__c,Empty__c,stage",
    "006Hs00005OppA1IAJ,001Hs00001AcmeAIAR,Acme,Negotiation,10.5,2026-12-15,false,false,7,true,2027-01-01,2026-11-01T10:00:00Z,big deal,,ignored",
    "006Hs00005OppB2IAJ,001Hs0000NoSuchIAR,Nowhere,Prospecting,,,,,-1.25,false,2027-02-01,2026-11-02T10:00:00.5Z,,,",
  ].join("\n"),
  "OpportunityContactRole.csv": [
    "Id,OpportunityId,ContactId,Role,IsPrimary,Influence__c",
    "00KHs00006OcrA1MAJ,006Hs00005OppA1IAJ,003Hs00002JaneDIAR,Economic Buyer,true,0.9",
    "00KHs00006OcrB2MAJ,006Hs00005OppZZIAJ,003Hs00002JaneDIAR,Champion,false,",
    "00KHs00006OcrC3MAJ,006Hs00005OppB2IAJ,003Hs0000NoOneIAR,Champion,false,0.1",
  ].join("\n"),
  "Campaign.csv": [
    "Id,Name,Type,Status,StartDate,EndDate,IsActive,Budget__c,Region__c",
    "701Hs00007CmpA1IAJ,Q4 Webinar,Webinar,In Progress,2026-10-01,2026-12-31,true,5000,EMEA",
  ].join("\n"),
  "CampaignMember.csv": [
    "Id,CampaignId,ContactId,LeadId,Status,HasResponded,FirstRespondedDate,CreatedDate,Attended__c",
    "00vHs00008CmA01IAF,701Hs00007CmpA1IAJ,003Hs00002BobsEIAR,,Registered,true,2026-10-05,2026-10-02T09:00:00.000Z,true",
    "00vHs00008CmB02IAF,701Hs00007CmpA1IAJ,,00QHs00003LeadHMAR,Sent,false,,2026-10-02T09:00:00.000Z,",
    "00vHs00008CmC03IAF,701Hs00007CmpA1IAJ,,,Sent,false,,,false",
    "00vHs00008CmD04IAF,701Hs0000NoCmpIAJ,003Hs00002BobsEIAR,,Sent,false,,,false",
  ].join("\n"),
};

describe.each(ENGINES)("attributes and dropped rows in %s", (name, open) => {
  it("are written as toSnapshot writes them", async () => {
    const dir = mkdtempSync(join(tmpdir(), "abm-kit-attributes-"));
    for (const [file, text] of Object.entries(FILES)) writeFileSync(join(dir, file), text);
    const objects = ["Opportunity", "OpportunityContactRole", "Campaign", "CampaignMember"] as const;
    const files: ExportFile[] = [
      ...ACCOUNT_FILES.map((f) => ({ ...f.file, path: fixture(f.path) }) as ExportFile),
      ...PERSON_FILES.map((f) => ({ ...f.file, path: fixture(f.path) }) as ExportFile),
      ...objects.map((object): ExportFile => ({ source: "salesforce", object, path: join(dir, `${object}.csv`) })),
    ];
    const snapshot = toSnapshot((await loadExports(files)).graph, { asOf: "2026-12-01T00:00:00Z" });
    const engine = await open();
    const expected = await writtenSnapshot(name, snapshot);
    const d = warehouseDialect(name);
    try {
      await stageAccounts(engine, fixture);
      await stagePersons(engine, fixture);
      for (const object of objects) await engine.stage({ path: join(dir, `${object}.csv`), spec: salesforceSpec(object), table: `x_${object}` });
      const persons = { values: "p_values", clusters: "p_ids" };
      await writeOpportunities(engine.query, d, {
        opportunities: [{ table: "x_Opportunity", source: "salesforce:Opportunity" }],
        accounts: { values: "a_values", clusters: "a_ids" },
      });
      await writeOpportunityRoles(engine.query, d, { roles: [{ table: "x_OpportunityContactRole" }], persons });
      await writeCampaigns(engine.query, d, { campaigns: [{ table: "x_Campaign" }] });
      await writeCampaignMembers(engine.query, d, { members: [{ table: "x_CampaignMember" }], persons });
      for (const table of ["opportunities", "opportunity_roles", "campaigns", "campaign_members"])
        expect({ table, ...(await tableContents(engine.query, table)) }).toEqual({ table, ...(await tableContents(expected.query, table)) });
      expect([snapshot.opportunities.size, snapshot.opportunityRoles.size, snapshot.campaignMembers.size]).toEqual([2, 1, 2]);
      expect(snapshot.opportunities.fields().map((f) => `${f.name}:${f.type}`)).toEqual(
        expect.arrayContaining(["Score__c:number", "Strategic__c:boolean", "Renewal_Date__c:date", "Last_Touch__c:instant", "Empty__c:string"]),
      );
    } finally {
      await expected.close();
      await engine.close();
    }
  });
});
