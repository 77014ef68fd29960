import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { toSnapshot } from "@abm-kit/core";
import { evaluate, type Audience } from "@abm-kit/audience";
import { compileAudienceSql } from "@abm-kit/audience-sql";
import { loadExports } from "@abm-kit/sources";
// the seed audiences of the bundled examples (a private workspace package without a published entry point)
import { seedAudiences } from "../../../examples/src/audiences/index.js";
import { loadExportsIntoWarehouse } from "../src/index.js";
import { ENGINES } from "./engines.js";
import { AS_OF, SAMPLE, SAMPLE_IDENTITY, sampleDir } from "./layout-cases.js";

afterAll(() => rmSync(sampleDir, { recursive: true, force: true }));

const CORE_RELATIONS = new Set(["people", "accounts", "links"]);

/** True when a definition reads only accounts, persons and links: no events, sequences, audience references, or other relations. */
function needsOnlyCoreTables(node: unknown): boolean {
  if (Array.isArray(node)) return node.every(needsOnlyCoreTables);
  if (typeof node !== "object" || node === null) return true;
  const n = node as Record<string, unknown>;
  if (n.kind === "event" || n.kind === "events" || n.kind === "sequence" || n.kind === "inAudience") return false;
  if (n.kind === "related" && !CORE_RELATIONS.has(String(n.relation))) return false;
  return Object.values(n).every(needsOnlyCoreTables);
}

const CORE_AUDIENCES: Audience[] = seedAudiences.filter((a) => needsOnlyCoreTables(a.condition));

describe.each(ENGINES)("seed audiences over the tables loaded into %s", (_name, open) => {
  it("that read only accounts, persons and links have the members evaluate gives on the in-memory Snapshot", async () => {
    expect(CORE_AUDIENCES.map((a) => a.id).sort()).toEqual(["buying-group-gaps", "customers", "icp", "marketing-leaders-enterprise-software"]);
    const { graph } = await loadExports(SAMPLE, { identity: SAMPLE_IDENTITY });
    const snapshot = toSnapshot(graph, { asOf: AS_OF });
    const engine = await open();
    try {
      const { layout } = await loadExportsIntoWarehouse(engine.target, SAMPLE, { identity: SAMPLE_IDENTITY });
      for (const audience of CORE_AUDIENCES) {
        const want = evaluate(audience, snapshot, { now: AS_OF }).memberIds;
        const compiled = compileAudienceSql(audience, { dialect: engine.name, now: AS_OF, layout });
        const got = (await engine.queryWith(compiled.sql, compiled.params)).map((r) => String(r.id));
        expect(got, audience.id).toEqual(want);
        expect(want.length, audience.id).toBeGreaterThan(0);
      }
    } finally {
      await engine.close();
    }
  });
});
