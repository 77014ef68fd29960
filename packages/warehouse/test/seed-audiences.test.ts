import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { toSnapshot } from "@abm-kit/core";
import { evaluate } from "@abm-kit/audience";
import { compileAudienceSql } from "@abm-kit/audience-sql";
import { loadExports } from "@abm-kit/sources";
// the seed audiences and partner tables of the bundled examples (a private workspace package without a published entry point)
import { seedAudiences } from "../../../examples/src/audiences/index.js";
import { SAMPLE_RELATED_TABLES } from "../../../examples/src/sample/sample-files.js";
import { loadExportsIntoWarehouse } from "../src/index.js";
import { ENGINES } from "./engines.js";
import { AS_OF, SAMPLE_ALL, SAMPLE_IDENTITY, sampleDir } from "./layout-cases.js";

afterAll(() => rmSync(sampleDir, { recursive: true, force: true }));

describe.each(ENGINES)("seed audiences over the tables one load writes into %s", (_name, open) => {
  it("have the members evaluate gives on the in-memory Snapshot of the same files", async () => {
    expect(seedAudiences.length).toBe(13);
    const { graph } = await loadExports(SAMPLE_ALL, { identity: SAMPLE_IDENTITY });
    const snapshot = toSnapshot(graph, { asOf: AS_OF, relatedTables: SAMPLE_RELATED_TABLES });
    const engine = await open();
    try {
      const { layout } = await loadExportsIntoWarehouse(engine.target, SAMPLE_ALL, { identity: SAMPLE_IDENTITY, relatedTables: SAMPLE_RELATED_TABLES });
      const sizes: Record<string, number> = {};
      for (const audience of seedAudiences) {
        const want = evaluate(audience, snapshot, { now: AS_OF }).memberIds;
        const compiled = compileAudienceSql(audience, { dialect: engine.name, now: AS_OF, layout });
        const got = (await engine.queryWith(compiled.sql, compiled.params)).map((r) => String(r.id));
        expect(got, audience.id).toEqual(want);
        sizes[audience.id] = want.length;
      }
      // every audience has members, so no comparison is of two empty lists
      const empty = Object.entries(sizes)
        .filter(([, n]) => n === 0)
        .map(([id]) => id);
      expect(empty).toEqual([]);
    } finally {
      await engine.close();
    }
  });
});
