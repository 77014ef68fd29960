import { describe, expect, it } from "vitest";
import { formatProgress } from "../src/progress-line.js";

describe("the demo's progress line", () => {
  it("says which file, how far in bytes and records", () => {
    expect(
      formatProgress({ phase: "reading", file: "activities.csv", fileIndex: 11, fileCount: 17, bytes: 1_200_000, totalBytes: 2_400_000, rows: 10_000 }),
    ).toBe("reading 12/17 activities.csv: 1.2 MB of 2.4 MB (50%), 10,000 records");
    expect(formatProgress({ phase: "read", file: "Asset.json", fileIndex: 9, fileCount: 17, bytes: 17_597, rows: 12 })).toBe(
      "read 10/17 Asset.json: 17.6 kB, 12 records",
    );
    expect(formatProgress({ phase: "done", fileIndex: 17, fileCount: 17, bytes: 0, rows: 0 })).toBe("read 17 files");
  });
});
