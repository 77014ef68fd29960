import { describe, expect, it } from "vitest";
import { toSnapshot } from "@abm-kit/core";
import { loadExports, salesforceSpec, type ExportFile } from "@abm-kit/sources";
import { warehouseDialect, writeOwnedProducts } from "../src/index.js";
import { ACCOUNT_FILES, DATA_SETS, stageAccounts } from "./data-sets.js";
import { ENGINES } from "./engines.js";
import { relatedContents } from "./related-contents.js";
import { writtenSnapshot } from "./snapshot-engines.js";

const [, fixture] = DATA_SETS[0];

describe.each(ENGINES)("owned products written in %s", (name, open) => {
  // the bundled sample's assets are a REST JSON file, which staging does not read: the fixtures' CSV files only
  it("equal the related table writeSnapshotTo… writes for the Asset CSV fixtures", async () => {
    const assets = ["salesforce/Asset.csv", "salesforce/Asset-export.csv"];
    const files: ExportFile[] = [
      ...ACCOUNT_FILES.map((f) => ({ ...f.file, path: fixture(f.path) }) as ExportFile),
      { source: "salesforce", object: "Product2", path: fixture("salesforce/Product2.csv") },
      ...assets.map((a): ExportFile => ({ source: "salesforce", object: "Asset", path: fixture(a) })),
    ];
    const snapshot = toSnapshot((await loadExports(files)).graph, { asOf: "2026-12-01T00:00:00Z" });
    const engine = await open();
    const expected = await writtenSnapshot(name, snapshot);
    try {
      await stageAccounts(engine, fixture);
      await engine.stage({ path: fixture("salesforce/Product2.csv"), spec: salesforceSpec("Product2"), table: "sf_products" });
      for (const [i, a] of assets.entries()) await engine.stage({ path: fixture(a), spec: salesforceSpec("Asset"), table: `sf_assets_${i}` });
      const written = await writeOwnedProducts(engine.query, warehouseDialect(name), {
        assets: ["sf_assets_0", "sf_assets_1"],
        products: ["sf_products"],
        accounts: { values: "a_values", clusters: "a_ids" },
      });
      const want = await relatedContents(expected.query, "ownedProducts");
      expect(await relatedContents(engine.query, "ownedProducts")).toEqual(want);
      expect(written.rows).toBe(snapshot.related.get("ownedProducts")!.table.size);
      expect(want.owned.length).toBeGreaterThan(1);
    } finally {
      await expected.close();
      await engine.close();
    }
  });
});
