import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, readdir, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { FileExportOptionsSchema, openCsvWriter, openJsonlWriter, openParquetWriter, writeSplitFiles, type RowWriter } from "@abm-kit/destinations";
import { KILL_COLUMNS, killRows } from "./fixtures/kill-rows.js";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const CHILD = fileURLToPath(new URL("./fixtures/write-until-killed.ts", import.meta.url));
const CHUNKS = 12;
const KINDS = ["csv", "csv.gz", "jsonl", "parquet"] as const;

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), "abm-atomic-"));
}

function open(kind: (typeof KINDS)[number], path: string): RowWriter {
  if (kind === "parquet") return openParquetWriter(path, KILL_COLUMNS, false, 250);
  if (kind === "jsonl") return openJsonlWriter(path, KILL_COLUMNS, false);
  return openCsvWriter(path, KILL_COLUMNS, kind === "csv.gz");
}

/** The file the child would write when left alone, written here in-process. */
async function reference(kind: (typeof KINDS)[number]): Promise<Buffer> {
  const path = join(await tempDir(), `export.${kind}`);
  const writer = open(kind, path);
  for (let n = 0; n < CHUNKS; n++) await writer.write(killRows(n));
  await writer.close();
  return readFile(path);
}

/** Runs the child writer and kills it with SIGKILL once it prints `line`. */
function runAndKill(kind: string, directory: string, pauseAfter: number, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD, kind, directory, String(CHUNKS), String(pauseAfter)], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    let killed = false;
    child.stdout.on("data", (data: Buffer) => {
      out += data.toString("utf8");
      if (!killed && out.split("\n").includes(line)) {
        killed = true;
        child.kill("SIGKILL");
      }
    });
    child.stderr.on("data", (data: Buffer) => (err += data.toString("utf8")));
    child.on("error", reject);
    child.on("exit", (_code, signal) => {
      if (signal === "SIGKILL" && killed) resolve();
      else reject(new Error(`the child ended without being killed (saw ${JSON.stringify(out.slice(-200))}): ${err}`));
    });
  });
}

describe("writers used directly are atomic", () => {
  for (const kind of KINDS) {
    it(`${kind}: a SIGKILL mid-write leaves no file at the target path; after close the file is whole`, async () => {
      const [whole, mid, done] = await Promise.all([reference(kind), tempDir(), tempDir()]);
      await Promise.all([runAndKill(kind, mid, 5, "paused"), runAndKill(kind, done, -1, "closed")]);

      expect(existsSync(join(mid, `export.${kind}`))).toBe(false);
      // what was written before the kill sits in a hidden temporary file beside the target
      const left = await readdir(mid);
      expect(left).toEqual([expect.stringMatching(new RegExp(`^\\.export\\.${kind.replace(".", "\\.")}\\.[0-9a-f]{12}\\.tmp$`))]);
      if (kind !== "parquet") expect((await stat(join(mid, left[0]!))).size).toBeGreaterThan(0);

      expect((await readFile(join(done, `export.${kind}`))).equals(whole)).toBe(true);
      // nothing but the finished file is left in the folder
      expect(await readdir(done)).toEqual([`export.${kind}`]);
    });
  }

  it("a SIGKILL mid-write leaves a file that was already at the target path as it was", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "export.csv"), "the previous export\n");
    await runAndKill("csv", dir, 5, "paused");
    expect(await readFile(join(dir, "export.csv"), "utf8")).toBe("the previous export\n");
  });

  it("writeSplitFiles: a SIGKILL leaves the finished parts whole and no part file half-written", async () => {
    const expected = await tempDir();
    await writeSplitFiles(
      expected,
      "export",
      KILL_COLUMNS,
      Array.from({ length: CHUNKS }, (_, n) => killRows(n)),
      FileExportOptionsSchema.parse({ format: "csv", maxRowsPerFile: 1000 }),
    );

    const dir = await tempDir();
    // 6 chunks of 250 rows: part 1 (1,000 rows) is finished, part 2 is half written
    await runAndKill("split", dir, 5, "paused");
    expect(existsSync(join(dir, "export_2.csv"))).toBe(false);
    expect((await readFile(join(dir, "export.csv"))).equals(await readFile(join(expected, "export.csv")))).toBe(true);
  });

  it("abort() removes the partial file; a failing row source leaves nothing behind", async () => {
    const dir = await tempDir();
    const writer = openCsvWriter(join(dir, "aborted.csv"), KILL_COLUMNS, true);
    await writer.write(killRows(0));
    await writer.abort();
    expect(await readdir(dir)).toEqual([]);

    async function* failing() {
      for (let n = 0; n < 6; n++) yield killRows(n);
      throw new Error("the source broke");
    }
    const options = FileExportOptionsSchema.parse({ format: "parquet", maxRowsPerFile: 1000 });
    await expect(writeSplitFiles(dir, "broken", KILL_COLUMNS, failing(), options)).rejects.toThrow("the source broke");
    expect(await readdir(dir)).toEqual([]);
  });
});
