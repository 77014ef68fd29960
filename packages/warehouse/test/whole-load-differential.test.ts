import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { toSnapshot, type IdentityConfigInput, type RelatedTableDefinition } from "@abm-kit/core";
import { snapshotLayout } from "@abm-kit/audience-sql";
import { relatedOwnersSqlTable, relatedSqlTable, TABLE_NAMES } from "@abm-kit/audience-sql/internal";
import { INTENT_MAPPING, loadExports, partnerTableDefinition, TECHNOGRAPHICS_MAPPING, type ExportFile } from "@abm-kit/sources";
import { loadExportsIntoWarehouse } from "../src/index.js";
// the partner tables the bundled examples declare (a private workspace package without a published entry point)
import { SAMPLE_RELATED_TABLES } from "../../../examples/src/sample/sample-files.js";
import { ENGINES } from "./engines.js";
import { AS_OF, FIXTURES, fixture, SAMPLE_ALL, SAMPLE_IDENTITY, sampleDir } from "./layout-cases.js";
import { relatedContents } from "./related-contents.js";
import { tableContents, writtenSnapshot } from "./snapshot-engines.js";

afterAll(() => rmSync(sampleDir, { recursive: true, force: true }));

/** Every sources fixture staging reads (CSV), so each built-in filler has rows to write. */
const ALL_FIXTURES: ExportFile[] = [
  ...FIXTURES,
  { source: "salesforce", object: "OpportunityContactRole", path: fixture("salesforce/OpportunityContactRole.csv") },
  { source: "salesforce", object: "CampaignMember", path: fixture("salesforce/CampaignMember.csv") },
  { source: "salesforce", object: "Product2", path: fixture("salesforce/Product2.csv") },
  { source: "salesforce", object: "Asset", path: fixture("salesforce/Asset.csv") },
  { source: "salesforce", object: "Asset", path: fixture("salesforce/Asset-export.csv") },
  { source: "marketo", export: "opportunities", path: fixture("marketo/opportunities.csv") },
  { source: "partner", mapping: INTENT_MAPPING, path: fixture("partner/intent.csv") },
  { source: "partner", mapping: TECHNOGRAPHICS_MAPPING, path: fixture("partner/technographics.csv") },
];

/** Partner tables the caller declares, as the demo does (the firmographics file is left undeclared: no table). */
const DECLARED: RelatedTableDefinition[] = [partnerTableDefinition(INTENT_MAPPING), partnerTableDefinition(TECHNOGRAPHICS_MAPPING)];

const CASES: [string, ExportFile[], IdentityConfigInput, RelatedTableDefinition[]][] = [
  ["the sources fixtures", ALL_FIXTURES, {}, DECLARED],
  // the sample's assets as CSV, its partner tables declared as the demo declares them
  ["the bundled sample data", SAMPLE_ALL, SAMPLE_IDENTITY, [...SAMPLE_RELATED_TABLES]],
];

const OWN_TABLES = new Set(["persons", "accounts", "links"]);

describe.each(ENGINES)("one loadExportsIntoWarehouse call into %s", (name, open) => {
  it.each(CASES)("fills every layout table from %s as writeSnapshotTo… writes it", async (_label, files, identity, relatedTables) => {
    const snapshot = toSnapshot((await loadExports(files, { identity })).graph, { asOf: AS_OF, relatedTables });
    const engine = await open();
    const expected = await writtenSnapshot(name, snapshot);
    try {
      const result = await loadExportsIntoWarehouse(engine.target, files, { identity, relatedTables });
      expect(result.layout).toEqual(snapshotLayout(snapshot));
      const filled: string[] = [];
      for (const [source, table] of Object.entries(TABLE_NAMES)) {
        const want = await tableContents(expected.query, table);
        expect(await tableContents(engine.query, table), table).toEqual(want);
        expect(result.tables[table], table).toBe(want.rows.length);
        if (want.rows.length > 0 && !OWN_TABLES.has(source)) filled.push(source);
      }
      for (const related of Object.keys(snapshotLayout(snapshot).related)) {
        const want = await relatedContents(expected.query, related);
        expect(await relatedContents(engine.query, related), related).toEqual(want);
        expect(result.tables[relatedSqlTable(related)], related).toBe(want.owned.length + want.unowned.length);
        expect(result.tables[relatedOwnersSqlTable(related)], related).toBeGreaterThan(0);
        filled.push(`related:${related}`);
      }
      // the comparison covers every filler: each table has rows on both sides
      expect(filled.sort()).toEqual(
        [
          "accountEvents",
          "campaignMembers",
          "campaigns",
          "opportunities",
          "opportunityRoles",
          "personEvents",
          "related:intent",
          "related:technographics",
          "related:ownedProducts",
          ...(files === SAMPLE_ALL ? ["related:firmographics"] : []),
        ].sort(),
      );
    } finally {
      await expected.close();
      await engine.close();
    }
  });
});
