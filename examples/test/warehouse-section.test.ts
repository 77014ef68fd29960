import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { evaluate } from "@abm-kit/audience";
import { afterAll, describe, expect, it } from "vitest";
import { marketingLeaders, seedAudiences } from "../src/audiences/index.js";
import { loadSampleSnapshot } from "../src/sample/index.js";
import { runWarehouseSection } from "../src/warehouse-section.js";

const outDir = mkdtempSync(join(tmpdir(), "abm-kit-demo-warehouse-"));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("the demo's warehouse section", () => {
  it("runs every seed audience in SQL with the in-memory sizes and activates one from its query", async () => {
    const { snapshot, now, reports } = await loadSampleSnapshot();
    const inMemory = seedAudiences.map((a) => evaluate(a, snapshot, { now }));
    const lines: string[] = [];
    const { sizes, report } = await runWarehouseSection((line) => lines.push(line), { snapshot, files: reports.files, now, inMemory, outDir });
    expect(sizes).toEqual(Object.fromEntries(inMemory.map((r) => [r.audienceId, r.size])));
    expect(lines.filter((l) => l.endsWith(" same"))).toHaveLength(seedAudiences.length);
    // the one record DuckDB reads and the in-memory reader rejects is reported
    expect(lines.some((l) => l.startsWith("  Contact.csv:") && l.includes("the in-memory reader loaded"))).toBe(true);
    expect(report.status).toBe("completed");
    const leaders = inMemory.find((r) => r.audienceId === marketingLeaders.id)!;
    const exports = join(outDir, "warehouse", "exports");
    const csv = readdirSync(exports).find((f) => f.endsWith(".csv"))!;
    const rows = readFileSync(join(exports, csv), "utf8").trim().split(/\r?\n/).slice(1);
    expect(rows).toHaveLength(leaders.size);
    expect(leaders.size).toBeGreaterThan(0);
  });
});
