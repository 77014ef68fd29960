import { mkdtemp, readFile, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { createHash } from "node:crypto";
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { FileExportOptionsSchema, UnsafeFileNameError, writeSplitFiles, type ExportColumn, type ExportRow } from "@abm-kit/destinations";
import { renderFileName, safeJoin } from "../src/files/file-name-template.js";

const columns: ExportColumn[] = [
  { name: "id", type: "string" },
  { name: "name", type: "string" },
  { name: "employees", type: "number" },
  { name: "isCustomer", type: "boolean" },
  { name: "tags", type: "strings" },
];

const tricky = ["plain", "comma, inside", 'quote " inside', "line\nbreak", "ünïcödé ✓", "", " padded "];

function makeRows(n: number): ExportRow[] {
  return Array.from({ length: n }, (_, i) => [
    `acc-${String(i).padStart(5, "0")}`,
    i % 11 === 5 ? null : tricky[i % tricky.length]!,
    i % 13 === 0 ? null : i * 1.5,
    i % 7 === 0 ? null : i % 2 === 0,
    i % 5 === 0 ? ["a", "b"] : [],
  ]);
}

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), "abm-files-"));
}

async function duck<T>(body: (query: (sql: string) => Promise<Record<string, unknown>[]>) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    return await body(async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[]);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

function* inChunks(rows: ExportRow[], size: number): Generator<ExportRow[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

const expectedObjects = (rows: ExportRow[]) =>
  rows.map((r) => ({ id: r[0], name: r[1], employees: r[2], isCustomer: r[3], tags: Array.isArray(r[4]) ? r[4].join(";") : r[4] }));

describe("Parquet files read back by DuckDB", () => {
  for (const compression of ["none", "gzip"] as const) {
    it(`equal the rows written (${compression}, split, several row groups)`, async () => {
      const dir = await tempDir();
      const rows = makeRows(2500);
      const options = FileExportOptionsSchema.parse({ format: "parquet", compression, maxRowsPerFile: 1000, parquetRowGroupSize: 300 });
      const files = await writeSplitFiles(dir, "accounts", columns, inChunks(rows, 700), options);
      expect(files.map((f) => [f.name, f.rows])).toEqual([
        ["accounts.parquet", 1000],
        ["accounts_2.parquet", 1000],
        ["accounts_3.parquet", 500],
      ]);
      const read = await duck((q) => q(`SELECT id, name, employees, "isCustomer", tags FROM read_parquet('${join(dir, "accounts*.parquet")}') ORDER BY id`));
      expect(read).toEqual(expectedObjects(rows));
      const meta = await duck((q) => q(`SELECT DISTINCT compression FROM parquet_metadata('${join(dir, "accounts.parquet")}')`));
      expect(meta.map((m) => m.compression)).toEqual([compression === "gzip" ? "GZIP" : "SNAPPY"]);
    });
  }

  it("round-trips arbitrary rows (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(
            fc.option(fc.string(), { nil: null }),
            fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }), { nil: null }),
            fc.option(fc.boolean(), { nil: null }),
          ),
          { maxLength: 60 },
        ),
        async (cells) => {
          const dir = await tempDir();
          const cols: ExportColumn[] = [
            { name: "id", type: "string" },
            { name: "s", type: "string" },
            { name: "n", type: "number" },
            { name: "b", type: "boolean" },
          ];
          const rows: ExportRow[] = cells.map((c, i) => [String(i).padStart(3, "0"), ...c]);
          const options = FileExportOptionsSchema.parse({ format: "parquet", maxRowsPerFile: 1000 });
          await writeSplitFiles(dir, "p", cols, [rows], options);
          const read = await duck((q) => q(`SELECT id, s, n, b FROM read_parquet('${join(dir, "p.parquet")}') ORDER BY id`));
          expect(read).toEqual(rows.map((r) => ({ id: r[0], s: r[1], n: r[2], b: r[3] })));
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe("CSV and JSON Lines files read back", () => {
  it("CSV (gzip, split) read by DuckDB equals the rows written, quoting included", async () => {
    const dir = await tempDir();
    const rows = makeRows(230);
    const options = FileExportOptionsSchema.parse({ format: "csv", compression: "gzip", maxRowsPerFile: 100 });
    const files = await writeSplitFiles(dir, "export", columns, inChunks(rows, 64), options);
    expect(files.map((f) => f.name)).toEqual(["export.csv.gz", "export_2.csv.gz", "export_3.csv.gz"]);
    const text = gunzipSync(await readFile(join(dir, "export.csv.gz"))).toString("utf8");
    expect(text.split("\n")[0]).toBe("id,name,employees,isCustomer,tags");
    const read = await duck((q) =>
      q(`SELECT * FROM read_csv('${join(dir, "export*.csv.gz")}', header = true, all_varchar = true, quote = '"', escape = '"') ORDER BY id`),
    );
    expect(read).toEqual(
      rows.map((r) => ({
        id: r[0],
        name: r[1] === null || r[1] === "" ? null : r[1],
        employees: r[2] === null ? null : String(r[2]),
        isCustomer: r[3] === null ? null : String(r[3]),
        tags: Array.isArray(r[4]) && r[4].length > 0 ? r[4].join(";") : null,
      })),
    );
  });

  it("JSON Lines keeps types and nulls, one object per line", async () => {
    const dir = await tempDir();
    const rows = makeRows(50);
    const options = FileExportOptionsSchema.parse({ format: "jsonl" });
    await writeSplitFiles(dir, "people", columns, [rows], options);
    const lines = (await readFile(join(dir, "people.jsonl"), "utf8")).trimEnd().split("\n");
    expect(lines.map((l) => JSON.parse(l))).toEqual(rows.map((r) => ({ id: r[0], name: r[1], employees: r[2], isCustomer: r[3], tags: r[4] })));
  });

  it("an empty export still writes one file with its header", async () => {
    const dir = await tempDir();
    const files = await writeSplitFiles(dir, "empty", columns, [], FileExportOptionsSchema.parse({ format: "csv" }));
    expect(files).toHaveLength(1);
    expect(await readFile(join(dir, "empty.csv"), "utf8")).toBe("id,name,employees,isCustomer,tags\n");
    expect(files[0]!.sha256).toBe(createHash("sha256").update("id,name,employees,isCustomer,tags\n").digest("hex"));
  });
});

describe("file names", () => {
  const values = { destination: "local-folder", audienceId: "aud-1", audienceName: "Tier 1", now: "2026-11-20T12:03:04.000Z", mode: "full" as const };

  it("render destination, audience and YYYYMMDD_HHMMSS", () => {
    expect(renderFileName("%DESTINATION%_%AUDIENCE_ID%_%DATETIME%", values)).toBe("local-folder_aud-1_20261120_120304");
    expect(renderFileName("%AUDIENCE_NAME%-%DATE%-%MODE%", values)).toBe("Tier 1-20261120-full");
  });

  for (const [label, template, name] of [
    ["parent reference", "../x", "Tier 1"],
    ["nested parent reference", "out/../../x", "Tier 1"],
    ["absolute path", "/etc/passwd", "Tier 1"],
    ["windows absolute path", "C:\\temp\\x", "Tier 1"],
    ["audience name with /..", "%AUDIENCE_NAME%", "evil/../../x"],
    ["audience name that is ..", "%AUDIENCE_NAME%", ".."],
    ["unknown token", "%SECRET%", "Tier 1"],
  ] as const) {
    it(`refuse a template giving a ${label}`, () => {
      let caught: unknown;
      try {
        renderFileName(template, { ...values, audienceName: name });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(UnsafeFileNameError);
      expect((caught as UnsafeFileNameError).code).toBe("UNSAFE_FILE_NAME");
      expect((caught as UnsafeFileNameError).problems.length).toBeGreaterThan(0);
    });
  }

  it("never lets any rendered name escape the folder (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (template, audienceName) => {
        let name: string;
        try {
          name = renderFileName(template, { ...values, audienceName });
        } catch (error) {
          expect(error).toBeInstanceOf(UnsafeFileNameError);
          return;
        }
        const full = safeJoin("/data/out", name);
        expect(full.startsWith("/data/out/")).toBe(true);
        expect(full.slice("/data/out/".length)).toBe(name);
      }),
      { numRuns: 500 },
    );
  });

  it("write nothing outside the folder when a split name would be unsafe", async () => {
    const dir = await tempDir();
    await expect(writeSplitFiles(dir, "../escape", columns, [], FileExportOptionsSchema.parse({}))).rejects.toBeInstanceOf(UnsafeFileNameError);
    expect(await readdir(dir)).toEqual([]);
  });
});
