import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateSampleFiles, loadSampleSnapshot, SAMPLE_DATA_DIR, SAMPLE_NOW } from "../src/sample/index.js";

describe("the bundled sample data", () => {
  it("is exactly what the deterministic generator writes", () => {
    const files = generateSampleFiles();
    expect(Object.keys(files).length).toBeGreaterThan(10);
    for (const [path, content] of Object.entries(files)) {
      expect(readFileSync(join(SAMPLE_DATA_DIR, path), "utf8"), path).toBe(content);
    }
  });

  it("loads into a snapshot with every file reported and nothing dropped silently", async () => {
    const { snapshot, now, reports } = await loadSampleSnapshot();
    expect(now).toBe(SAMPLE_NOW);
    expect(snapshot.accounts.size).toBeGreaterThan(20);
    expect(snapshot.persons.size).toBeGreaterThan(100);
    for (const file of reports.files) {
      expect(file.read, file.file).toBe(file.loaded + file.rejected);
    }
  });
});
