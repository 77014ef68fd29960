import { createHash } from "node:crypto";
import { mkdtemp, readFile, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import {
  activate,
  ExportManifestSchema,
  JsonFileStateStore,
  localFolderDestination,
  type AudienceMembership,
  type LocalFolderSettingsInput,
} from "@abm-kit/destinations";
import { computeDelta } from "../src/runtime/delta.js";
import { LOCAL_FOLDER_STAGING } from "../src/local-folder/local-folder-destination.js";
import { b2bSnapshot, ids, NOW } from "./fixtures/b2b-snapshot.js";

const snapshot = b2bSnapshot(30, 2);
const LATER = "2026-11-21T06:30:00.000Z";
const LATEST = "2026-11-22T06:30:00.000Z";

function plan(settings: LocalFolderSettingsInput, mode: "full" | "incremental") {
  return {
    id: "accounts-to-folder",
    destination: { id: "local-folder", settings },
    audiences: [{ audienceId: "tier-1" }],
    mapping: {
      account: [
        { source: "account.name", target: "name" },
        { source: "account.domain", target: "domain", transforms: ["domain" as const] },
        { source: "account.employeeCount", target: "employees" },
      ],
    },
    mode,
  };
}

const membership = (memberIds: string[]): AudienceMembership => ({ audienceId: "tier-1", audienceName: "Tier 1", type: "account", memberIds });

async function readCsv(path: string): Promise<string[][]> {
  const text = await readFile(path, "utf8");
  return text
    .trimEnd()
    .split("\n")
    .map((l) => l.split(","));
}

describe("computeDelta", () => {
  it("sorts members into realized, existing (and changed) and exited", () => {
    const held = { a: { h: "1" }, b: { h: "2" }, c: { h: "3" } };
    const desired = new Map([
      ["d", "9"],
      ["b", "2"],
      ["c", "changed"],
    ]);
    expect(computeDelta(held, desired)).toEqual({ realized: ["d"], existing: ["b", "c"], changed: ["c"], exited: ["a"] });
  });
});

describe("local-folder destination", () => {
  it("tracks realized / existing / exited across runs and writes incremental files with status", async () => {
    const dir = await mkdtemp(join(tmpdir(), "abm-local-"));
    const state = new JsonFileStateStore(join(dir, "state"));
    const out = join(dir, "out");
    const settings = { path: out, format: "csv" as const };

    const first = await activate(plan(settings, "incremental"), {
      destination: localFolderDestination,
      snapshot,
      audiences: [membership(ids("a", 0, 10))],
      now: NOW,
      state,
    });
    expect(first.audiences[0]).toMatchObject({ realized: 10, existing: 0, exited: 0, exported: 10, removed: 0 });

    const second = await activate(plan(settings, "incremental"), {
      destination: localFolderDestination,
      snapshot,
      audiences: [membership(ids("a", 5, 15))],
      now: LATER,
      state,
    });
    expect(second.audiences[0]).toMatchObject({ realized: 5, existing: 5, exited: 5, exported: 5, removed: 5 });
    const name = "local-folder_tier-1_20261121_063000.csv";
    const rows = await readCsv(join(out, name));
    expect(rows[0]).toEqual(["id", "name", "domain", "employees", "status"]);
    expect(rows.slice(1).map((r) => [r[0], r[4]])).toEqual([...ids("a", 10, 15).map((id) => [id, "realized"]), ...ids("a", 0, 5).map((id) => [id, "exited"])]);
    // exited rows carry what was sent for them
    expect(rows.find((r) => r[0] === "a0000")!.slice(1, 4)).toEqual(["Company 0 Inc.", "company0.com", "100"]);

    const third = await activate(plan(settings, "incremental"), {
      destination: localFolderDestination,
      snapshot,
      audiences: [membership(ids("a", 5, 15))],
      now: LATEST,
      state,
    });
    expect(third.audiences[0]).toMatchObject({ realized: 0, existing: 10, exited: 0, exported: 0, removed: 0 });
    expect((await readCsv(join(out, "local-folder_tier-1_20261122_063000.csv"))).length).toBe(1); // header only

    // files were moved into place; the staging folder, empty, is removed
    expect(await readdir(out)).not.toContain(LOCAL_FOLDER_STAGING);
    expect((await readdir(out)).every((f) => f.endsWith(".csv") || f.endsWith(".manifest.json"))).toBe(true);
  });

  it("full exports write every member every run; incremental only the change", async () => {
    const dir = await mkdtemp(join(tmpdir(), "abm-local-"));
    const out = join(dir, "out");
    const settings = { path: out, format: "jsonl" as const, includeExited: false, fileNameTemplate: "%AUDIENCE_ID%_%MODE%_%DATETIME%" };
    const fullState = new JsonFileStateStore(join(dir, "full"));
    const incState = new JsonFileStateStore(join(dir, "inc"));
    for (const [now, members] of [
      [NOW, ids("a", 0, 8)],
      [LATER, ids("a", 4, 12)],
    ] as const) {
      await activate(plan(settings, "full"), { destination: localFolderDestination, snapshot, audiences: [membership([...members])], now, state: fullState });
      await activate(plan(settings, "incremental"), {
        destination: localFolderDestination,
        snapshot,
        audiences: [membership([...members])],
        now,
        state: incState,
      });
    }
    const lines = async (name: string) =>
      (await readFile(join(out, name), "utf8"))
        .trimEnd()
        .split("\n")
        .map((l) => JSON.parse(l).id as string);
    expect(await lines("tier-1_full_20261121_063000.jsonl")).toEqual(ids("a", 4, 12));
    expect(await lines("tier-1_incremental_20261121_063000.jsonl")).toEqual(ids("a", 8, 12));
    // the second full file holds 4 members the destination already had and 4 new ones
    const manifest = ExportManifestSchema.parse(JSON.parse(await readFile(join(out, "tier-1_full_20261121_063000.manifest.json"), "utf8")));
    expect(manifest.rowsByStatus).toEqual({ realized: 4, existing: 4, exited: 0 });
  });

  it("writes a manifest whose row counts and checksums match the files, split every N rows, Parquet readable by DuckDB", async () => {
    const dir = await mkdtemp(join(tmpdir(), "abm-local-"));
    const out = join(dir, "out");
    const report = await activate(plan({ path: out, format: "parquet", maxRowsPerFile: 7, compression: "gzip" }, "full"), {
      destination: localFolderDestination,
      snapshot,
      audiences: [membership(ids("a", 0, 30))],
      now: NOW,
      state: new JsonFileStateStore(join(dir, "state")),
    });
    const manifestName = "local-folder_tier-1_20261120_120000.manifest.json";
    const manifest = ExportManifestSchema.parse(JSON.parse(await readFile(join(out, manifestName), "utf8")));
    expect(report.audiences[0]!.manifest).toEqual(manifest);
    expect(manifest.files.map((f) => f.rows)).toEqual([7, 7, 7, 7, 2]);
    expect(manifest.totalRows).toBe(30);
    for (const file of manifest.files) {
      const bytes = await readFile(join(out, file.name));
      expect(file.bytes).toBe(bytes.length);
      expect(file.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    }
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    try {
      const rows = (
        await connection.runAndReadAll(
          `SELECT id, name, domain, employees, status FROM read_parquet('${join(out, "local-folder_tier-1_*.parquet")}') ORDER BY id`,
        )
      ).getRowObjectsJS();
      expect(rows).toEqual(
        ids("a", 0, 30).map((id, i) => ({ id, name: `Company ${i} Inc.`, domain: `company${i}.com`, employees: 100 + i * 17, status: "realized" })),
      );
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it("dry run lists what would be written and writes nothing", async () => {
    const dir = await mkdtemp(join(tmpdir(), "abm-local-"));
    const out = join(dir, "out");
    const state = new JsonFileStateStore(join(dir, "state"));
    const report = await activate(plan({ path: out, maxRowsPerFile: 4 }, "full"), {
      destination: localFolderDestination,
      snapshot,
      audiences: [membership(ids("a", 0, 10))],
      now: NOW,
      state,
      dryRun: true,
    });
    expect(report.dryRun).toBe(true);
    expect(report.audiences[0]!.preview!.files).toEqual([
      "local-folder_tier-1_20261120_120000.csv",
      "local-folder_tier-1_20261120_120000_2.csv",
      "local-folder_tier-1_20261120_120000_3.csv",
    ]);
    expect(report.audiences[0]!.preview!.adds.map((m) => m.memberId)).toEqual(ids("a", 0, 10));
    await expect(readdir(out)).rejects.toMatchObject({ code: "ENOENT" });
    expect(await state.load("accounts-to-folder/local-folder")).toBeUndefined();
  });

  it("refuses a file-name template that would leave the folder, before writing anything", async () => {
    const dir = await mkdtemp(join(tmpdir(), "abm-local-"));
    const out = join(dir, "out");
    const run = activate(plan({ path: out, fileNameTemplate: "%AUDIENCE_NAME%" }, "full"), {
      destination: localFolderDestination,
      snapshot,
      audiences: [{ ...membership(ids("a", 0, 3)), audienceName: "x/../../../etc/cron.d/evil" }],
      now: NOW,
      state: new JsonFileStateStore(join(dir, "state")),
    });
    await expect(run).rejects.toMatchObject({ name: "UnsafeFileNameError", code: "UNSAFE_FILE_NAME" });
    expect(await readdir(dir)).toEqual([]);
  });
});
