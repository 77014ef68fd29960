import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runDestinationSection } from "../../../examples/src/destination-section.js";
import { b2bSnapshot, ids, NOW } from "./fixtures/b2b-snapshot.js";

describe("demo destination section", () => {
  it("writes a full then an incremental export and prints both reports", async () => {
    const outDir = await mkdtemp(join(tmpdir(), "abm-demo-"));
    const lines: string[] = [];
    const snapshot = b2bSnapshot(20, 2);
    await runDestinationSection((l) => lines.push(l), {
      snapshot,
      now: NOW,
      outDir,
      audiences: [
        { audienceId: "icp", audienceName: "ICP", type: "account", memberIds: ids("a", 0, 10) },
        { audienceId: "leaders", audienceName: "Leaders", type: "person", memberIds: ids("p", 0, 10) },
      ],
    });
    const files = (await readdir(join(outDir, "exports"))).filter((f) => !f.startsWith(".")).sort();
    expect(files).toEqual([
      "icp_full_20261120_120000.csv",
      "icp_full_20261120_120000.manifest.json",
      "icp_incremental_20261121_120000.csv",
      "icp_incremental_20261121_120000.manifest.json",
      "leaders_full_20261120_120000.csv",
      "leaders_full_20261120_120000.manifest.json",
      "leaders_incremental_20261121_120000.csv",
      "leaders_incremental_20261121_120000.manifest.json",
    ]);
    // accounts a0004 and a0009 left; a0010, a0011, a0012 joined
    const inc = (await readFile(join(outDir, "exports", "icp_incremental_20261121_120000.csv"), "utf8")).trimEnd().split("\n");
    expect(inc.slice(1).map((l) => [l.split(",")[0], l.split(",").at(-1)])).toEqual([
      ["a0010", "realized"],
      ["a0011", "realized"],
      ["a0012", "realized"],
      ["a0004", "exited"],
      ["a0009", "exited"],
    ]);
    expect(lines).toContain("  icp (account): realized 3, existing 8, exited 2 → exported 3, removed 2");
    expect(lines.some((l) => l.startsWith("Run 1 (full): completed"))).toBe(true);
    expect(lines.some((l) => l.startsWith("Run 2 (incremental, a day later): completed"))).toBe(true);
  });
});
