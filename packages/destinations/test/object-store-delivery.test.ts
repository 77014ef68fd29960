import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { activate, defineDestination, ExportManifestSchema, FileExportOptionsSchema, MemoryStateStore, objectStoreDelivery } from "@abm-kit/destinations";
import { z } from "zod";
import { b2bSnapshot, ids, NOW } from "./fixtures/b2b-snapshot.js";
import { folderObjectStore, type FolderStoreFaults } from "./fixtures/folder-object-store.js";

const snapshot = b2bSnapshot(30, 1);
const Settings = z.object({ ...FileExportOptionsSchema.shape, root: z.string(), stagingDirectory: z.string(), maxObjectBytes: z.number().default(1e9) });

/** A destination on the shared object-store core over a real folder. */
function folderDestination(faults: FolderStoreFaults, ops: string[]) {
  return defineDestination({
    id: "folder-store",
    name: "Folder store",
    settings: Settings,
    audienceTypes: ["account", "person"],
    identities: ["companyName"],
    delivery: { kind: "file", modes: ["full", "incremental"] },
    limits: {},
    marketingActions: ["exportToThirdParty"],
    mappingTargets: { account: [], person: [] },
    retry: { maxAttempts: 3, baseDelayMs: 0, maxDelayMs: 0 },
    file: objectStoreDelivery({
      options: (s: z.output<typeof Settings>) => s,
      stagingDirectory: (s) => s.stagingDirectory,
      keyPrefix: () => "out/",
      maxObjectBytes: (s) => s.maxObjectBytes,
      openStore: (ctx) => folderObjectStore(ctx.settings.root, faults, ops),
    }),
  });
}

async function run(faults: FolderStoreFaults = {}, extra: Record<string, unknown> = {}, root?: string) {
  const ops: string[] = [];
  const settings = {
    root: root ?? (await mkdtemp(join(tmpdir(), "abm-store-"))),
    stagingDirectory: await mkdtemp(join(tmpdir(), "abm-store-staging-")),
    maxRowsPerFile: 4,
    fileNameTemplate: "%AUDIENCE_ID%",
    ...extra,
  };
  const report = await activate(
    {
      id: "store-test",
      destination: { id: "folder-store", settings },
      audiences: [{ audienceId: "tier-1" }],
      mapping: { account: [{ source: "account.name", target: "name" }] },
      mode: "full",
    },
    {
      destination: folderDestination(faults, ops),
      snapshot,
      audiences: [{ audienceId: "tier-1", type: "account", memberIds: ids("a", 0, 10) }],
      now: NOW,
      state: new MemoryStateStore(),
      sleep: async () => {},
    },
  );
  return { report, ops, root: settings.root, staging: settings.stagingDirectory };
}

/** The files of the export in `root`, each checked against the manifest. */
async function readBack(root: string) {
  const manifest = ExportManifestSchema.parse(JSON.parse(await readFile(join(root, "out/tier-1.manifest.json"), "utf8")));
  for (const file of manifest.files) {
    const bytes = await readFile(join(root, "out", file.name));
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(file.sha256);
  }
  return manifest;
}

describe("objectStoreDelivery (the shared object-store core)", () => {
  it("writes a marker, puts and checks each file, the manifest last, then removes the marker and the staged files", async () => {
    const { report, ops, root, staging } = await run();
    expect(report.status).toBe("completed");
    const puts = ops.filter((o) => o.startsWith("put ") || o.startsWith("writeText ") || o.startsWith("delete "));
    expect(puts).toEqual([
      "writeText out/.abm-kit-uploads/tier-1.manifest.json",
      "put out/tier-1.csv",
      "put out/tier-1_2.csv",
      "put out/tier-1_3.csv",
      "put out/tier-1.manifest.json",
      "delete out/.abm-kit-uploads/tier-1.manifest.json",
    ]);
    expect((await readBack(root)).files).toHaveLength(3);
    expect((await readdir(join(root, "out"))).sort()).toEqual([".abm-kit-uploads", "tier-1.csv", "tier-1.manifest.json", "tier-1_2.csv", "tier-1_3.csv"]);
    expect(await readdir(join(root, "out/.abm-kit-uploads"))).toEqual([]);
    expect(await readdir(staging)).toEqual([]);
  });

  it("a failed put: its partial upload is removed, the error classified by the store, and the file sent again", async () => {
    const { report, ops, root } = await run({ failPuts: 1 });
    expect(report.status).toBe("completed");
    expect(report.retries).toBe(1);
    const i = ops.indexOf("put out/tier-1.csv");
    expect(ops.slice(i, i + 2)).toEqual(["put out/tier-1.csv", "abortPartial out/tier-1.csv"]);
    expect((await readdir(join(root, "out"))).filter((n) => n.endsWith(".partial"))).toEqual([]);
    await readBack(root);
  });

  it("an object that differs from the file after the put is retried (OBJECT_MISMATCH); a reader never sees a manifest over it", async () => {
    const { report, ops, root } = await run({ corruptPuts: 1 });
    expect(report.status).toBe("completed");
    expect(report.retries).toBe(1);
    expect(ops.filter((o) => o === "put out/tier-1.csv")).toHaveLength(2);
    await readBack(root);
  });

  it("an object the store cannot verify fails the audience with OBJECT_UNVERIFIABLE and no manifest", async () => {
    const { report, root } = await run({ unverifiable: true });
    expect(report.status).not.toBe("completed");
    expect(report.retries).toBe(0); // terminal: not retried
    expect(report.audiences[0]!.warnings).toEqual(["upload out/tier-1.csv: no checksum"]);
    expect(await readdir(join(root, "out"))).not.toContain("tier-1.manifest.json");
  });

  it("an unclassified error from any store call (here list) goes through the store's toDeliveryError and is retried", async () => {
    const { report, root } = await run({ failLists: 1 });
    expect(report.status).toBe("completed");
    expect(report.retries).toBe(1);
    await readBack(root);
  });

  it("a resumed run keeps a file already stored intact, and replaces one that differs", async () => {
    const root = await mkdtemp(join(tmpdir(), "abm-store-"));
    const first = await run({}, {}, root);
    expect(first.report.status).toBe("completed");
    await writeFile(join(root, "out/tier-1_2.csv"), "damaged");
    await mkdir(join(root, "out"), { recursive: true });
    const { report, ops } = await run({}, {}, root);
    expect(report.status).toBe("completed");
    expect(ops.filter((o) => o.startsWith("put "))).toEqual(["put out/tier-1_2.csv"]);
    await readBack(root);
  });

  it("a file over maxObjectBytes fails the audience (OBJECT_TOO_LARGE) before any put", async () => {
    const { report, ops } = await run({}, { maxObjectBytes: 10 });
    expect(report.status).not.toBe("completed");
    expect(report.audiences[0]!.failed).toBe(10);
    expect(report.audiences[0]!.warnings).toEqual(["tier-1.csv is 135 bytes, more than maxObjectBytes (10): lower maxRowsPerFile"]);
    expect(ops.filter((o) => o.startsWith("put "))).toEqual([]);
  });
});
