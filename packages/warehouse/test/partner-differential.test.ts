import { describe, expect, it } from "vitest";
import { toSnapshot, type Snapshot } from "@abm-kit/core";
import {
  FIRMOGRAPHICS_MAPPING,
  INTENT_MAPPING,
  loadExports,
  partnerSpec,
  partnerTableDefinition,
  TECHNOGRAPHICS_MAPPING,
  type ExportFile,
} from "@abm-kit/sources";
import { warehouseDialect, writeAccountEvents, writePartnerTable } from "../src/index.js";
import { ACCOUNT_FILES, DATA_SETS, stageAccounts } from "./data-sets.js";
import { ENGINES, type TestEngine } from "./engines.js";
import { relatedContents } from "./related-contents.js";
import { tableContents, writtenSnapshot } from "./snapshot-engines.js";

const MAPPINGS = [
  ["intent", INTENT_MAPPING],
  ["technographics", TECHNOGRAPHICS_MAPPING],
  ["firmographics", FIRMOGRAPHICS_MAPPING],
] as const;

/**
 * The accounts table stands in for the one the warehouse writes from the
 * account exports (another step): the Snapshot's account ids, domains and
 * DUNS numbers, so the owners of partner rows can be checked on their own.
 */
async function accountsFrom(engine: TestEngine, snapshot: Snapshot): Promise<void> {
  const d = warehouseDialect(engine.name);
  await engine.query("CREATE TABLE accounts (id VARCHAR, domain VARCHAR, duns VARCHAR)");
  const text = (v: unknown) => (typeof v === "string" ? d.literal(v) : "NULL");
  const rows = Array.from({ length: snapshot.accounts.size }, (_, r) => {
    const value = (field: string) => snapshot.accounts.column(field)?.value(r);
    return `(${text(snapshot.accounts.id(r))}, ${text(value("domain"))}, ${text(value("duns"))})`;
  });
  if (rows.length > 0) await engine.query(`INSERT INTO accounts VALUES ${rows.join(", ")}`);
}

describe.each(ENGINES)("partner files written in %s", (name, open) => {
  it.each(DATA_SETS)("give the related tables and account events writeSnapshotTo… writes for %s", async (_, path) => {
    const files: ExportFile[] = [
      ...ACCOUNT_FILES.map((f) => ({ ...f.file, path: path(f.path) }) as ExportFile),
      ...MAPPINGS.map(([file, mapping]): ExportFile => ({ source: "partner", mapping, path: path(`partner/${file}.csv`) })),
    ];
    // partner tables are declared by the caller, as the demo does
    const relatedTables = MAPPINGS.map(([, mapping]) => partnerTableDefinition(mapping));
    const snapshot = toSnapshot((await loadExports(files)).graph, { asOf: "2026-12-01T00:00:00Z", relatedTables });
    const engine = await open();
    const expected = await writtenSnapshot(name, snapshot);
    const d = warehouseDialect(name);
    try {
      await stageAccounts(engine, path);
      await accountsFrom(engine, snapshot);
      // each account record's website, with its unified id
      await engine.query(
        `CREATE TABLE account_domains AS SELECT k.entity_id, s."Website" AS domain FROM sf_accounts s JOIN a_records r ON r.source_table = 'sf_accounts' AND r.source_record = s._record JOIN a_ids k ON k.record = r.record WHERE s."Website" IS NOT NULL
         UNION ALL SELECT k.entity_id, s."website" FROM mk_companies s JOIN a_records r ON r.source_table = 'mk_companies' AND r.source_record = s._record JOIN a_ids k ON k.record = r.record WHERE s."website" IS NOT NULL`,
      );
      const partners = [];
      for (const [file, mapping] of MAPPINGS) {
        const staged = await engine.stage({ path: path(`partner/${file}.csv`), spec: partnerSpec(mapping), table: `pt_${file}` });
        const files = [{ table: staged.table, file: staged.file }];
        partners.push({ mapping, files });
        const written = await writePartnerTable(engine.query, d, { mapping, files });
        const want = await relatedContents(expected.query, mapping.table);
        expect({ table: mapping.table, ...(await relatedContents(engine.query, mapping.table)) }).toEqual({ table: mapping.table, ...want });
        expect(written.rows).toBe(snapshot.related.get(mapping.table)!.table.size);
        expect(want.owned.length).toBeGreaterThan(0);
      }
      const events = await writeAccountEvents(engine.query, d, { partners, accountDomains: "account_domains" });
      const want = await tableContents(expected.query, "account_events");
      expect(await tableContents(engine.query, "account_events")).toEqual(want);
      expect(events.rows).toBe(snapshot.accountEvents.size);
      expect(want.rows.length).toBeGreaterThan(0);
    } finally {
      await expected.close();
      await engine.close();
    }
  });
});
