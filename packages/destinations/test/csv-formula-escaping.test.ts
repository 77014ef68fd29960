import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { buildSnapshot } from "@abm-kit/core";
import { describe, expect, it } from "vitest";
import {
  activate,
  FileExportOptionsSchema,
  JsonFileStateStore,
  localFolderDestination,
  LocalFolderSettingsSchema,
  openCsvWriter,
  writeSplitFiles,
  type ExportColumn,
  type ExportRow,
} from "@abm-kit/destinations";

const NOW = "2026-11-20T12:00:00.000Z";

/** Cells a spreadsheet would run as formulas (OWASP: `=`, `+`, `-`, `@`, tab, carriage return, and their full-width forms). */
const DANGEROUS = ['=HYPERLINK("http://x.test","y")', "+1 415 555 0100", "-2+3", "@SUM(A1:A2)", "\tindented", "\rreturn", "＝1+1"];
const HARMLESS = ["plain", "a=b", "", "x-1", "'already quoted"];

const columns: ExportColumn[] = [
  { name: "id", type: "string" },
  { name: "text", type: "string" },
  { name: "amount", type: "number" },
  { name: "tags", type: "strings" },
];

function rows(): ExportRow[] {
  return [...DANGEROUS, ...HARMLESS].map((text, i) => [`r${String(i).padStart(2, "0")}`, text, i % 2 === 0 ? -5 - i : 3.5, i === 0 ? ["=cmd", "b"] : ["a"]]);
}

/** The CSV read back by DuckDB's parser: every cell as text, empty cells as "". */
async function readBack(path: string): Promise<Record<string, string>[]> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(
      `SELECT * FROM read_csv('${path}', header = true, all_varchar = true, quote = '"', escape = '"', new_line = '\\n') ORDER BY id`,
    );
    return (reader.getRowObjectsJS() as Record<string, string | null>[]).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v ?? ""])));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe("CSV formula escaping (OWASP CSV injection)", () => {
  it("is off by default: cells are written exactly as given", async () => {
    expect(FileExportOptionsSchema.parse({}).escapeFormulas).toBe(false);
    const dir = await mkdtemp(join(tmpdir(), "abm-csv-"));
    await writeSplitFiles(dir, "plain", columns, [rows()], FileExportOptionsSchema.parse({ format: "csv" }));
    const read = await readBack(join(dir, "plain.csv"));
    expect(read.map((r) => r.text)).toEqual([...DANGEROUS, ...HARMLESS]);
  });

  it("when on, prefixes every text cell a spreadsheet would evaluate with a single quote; numbers and the header stay as they are", async () => {
    const dir = await mkdtemp(join(tmpdir(), "abm-csv-"));
    const options = FileExportOptionsSchema.parse({ format: "csv", escapeFormulas: true });
    await writeSplitFiles(dir, "escaped", columns, [rows()], options);
    const read = await readBack(join(dir, "escaped.csv"));
    expect(read.map((r) => r.text)).toEqual([...DANGEROUS.map((t) => `'${t}`), ...HARMLESS]);
    // a negative number in a number column is data, not a formula
    expect(read.map((r) => r.amount)).toEqual(rows().map((r) => String(r[2])));
    // multi-valued cells are joined, then escaped as one cell
    expect(read[0]!.tags).toBe("'=cmd;b");
    // no cell of the file starts with a formula character any more
    for (const row of read) for (const value of Object.values(row)) if (value !== row.amount) expect(value).not.toMatch(/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/);
    expect((await readFile(join(dir, "escaped.csv"), "utf8")).split("\n")[0]).toBe("id,text,amount,tags");
  });

  it("openCsvWriter takes the option directly", async () => {
    const dir = await mkdtemp(join(tmpdir(), "abm-csv-"));
    const path = join(dir, "direct.csv");
    const writer = openCsvWriter(path, columns, false, { escapeFormulas: true });
    await writer.write([["r1", "=1+1", -1, []]]);
    await writer.close();
    expect(await readFile(path, "utf8")).toBe("id,text,amount,tags\nr1,'=1+1,-1,\n");
  });

  it("JSON Lines and Parquet ignore it (their readers do not evaluate formulas)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "abm-csv-"));
    await writeSplitFiles(dir, "lines", columns, [rows()], FileExportOptionsSchema.parse({ format: "jsonl", escapeFormulas: true }));
    const lines = (await readFile(join(dir, "lines.jsonl"), "utf8"))
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l).text as string);
    expect(lines).toEqual([...DANGEROUS, ...HARMLESS]);
  });

  it("is a setting of the local-folder destination", async () => {
    expect(LocalFolderSettingsSchema.parse({ path: "out", escapeFormulas: true }).escapeFormulas).toBe(true);
    const snapshot = buildSnapshot(
      {
        accounts: [
          { id: "a1", name: '=HYPERLINK("http://evil.test","click")', domain: "one.test" },
          { id: "a2", name: "Plain Co", domain: "two.test" },
        ],
        persons: [],
        links: [],
      },
      { asOf: NOW },
    );
    const dir = await mkdtemp(join(tmpdir(), "abm-csv-"));
    const out = join(dir, "out");
    await activate(
      {
        id: "p",
        destination: { id: "local-folder", settings: { path: out, escapeFormulas: true, includeExited: false } },
        audiences: [{ audienceId: "t" }],
        mapping: { account: [{ source: "account.name", target: "name" }] },
        mode: "full",
      },
      {
        destination: localFolderDestination,
        snapshot,
        audiences: [{ audienceId: "t", type: "account", memberIds: ["a1", "a2"] }],
        now: NOW,
        state: new JsonFileStateStore(join(dir, "state")),
      },
    );
    const read = await readBack(join(out, "local-folder_t_20261120_120000.csv"));
    expect(read).toEqual([
      { id: "a1", name: '\'=HYPERLINK("http://evil.test","click")' },
      { id: "a2", name: "Plain Co" },
    ]);
  });
});
