import { spawn } from "node:child_process";
import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { ContainerClient } from "@azure/storage-blob";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activate, JsonFileStateStore } from "@abm-kit/destinations";
import { azureBlobDestination } from "@abm-kit/destination-azure-blob";
import { startAzurite, startBlobFaultProxy, type AzuriteServer, type BlobFaultProxy, type BlobRequestInfo } from "@abm-kit/destination-azure-blob/testing";
import { accountPlan, csvIds, fixtureSnapshot, ids, LATER, membership, NOW, readExport } from "./fixtures/audience-fixture.js";
import { blobNames, createContainer, readBlob } from "./fixtures/azurite-container.js";

const KiB = 1024;
const MEMBERS = 20_000;
const PADDING = 100;
const BLOCK = 256 * KiB;
const ROOT = resolve(import.meta.dirname, "../../..");
const CHILD = resolve(import.meta.dirname, "fixtures/export-child.ts");
const snapshot = fixtureSnapshot(MEMBERS);
let azurite: AzuriteServer;
let container: ContainerClient;
let proxy: BlobFaultProxy;
/** Every request the proxy saw, and what to do on each (set per test). */
const requests: BlobRequestInfo[] = [];
let onRequest: ((request: BlobRequestInfo) => { kind: "timeout"; apply: true } | undefined) | undefined;
beforeAll(async () => {
  azurite = await startAzurite();
  container = await createContainer(azurite, "crash");
  proxy = await startBlobFaultProxy(azurite.blobEndpoint, {
    faults: (_i, request) => {
      requests.push(request);
      return onRequest?.(request);
    },
  });
});
afterAll(async () => {
  await proxy?.close();
  await azurite?.close();
});

const isBlockOf = (request: BlobRequestInfo, suffix: string) => request.method === "PUT" && request.comp === "block" && request.path.endsWith(suffix);

/**
 * Starts an export of two data files (~1.5 MB each, 256 KiB blocks) in a
 * child process and kills it (SIGKILL) when the second file's fourth staged
 * block reaches the proxy (Azurite stores it, its answer is held back): the
 * first file is committed, the second is only uncommitted blocks (invisible
 * to readers), and no manifest exists.
 */
async function crashMidUpload(prefix: string) {
  const settings = {
    connectionString: azurite.connectionString(proxy.blobEndpoint),
    container: "crash",
    prefix,
    stagingDirectory: await mkdtemp(join(tmpdir(), "abm-azure-crash-staging-")),
    maxRowsPerFile: MEMBERS / 2,
    blockBytes: BLOCK,
  };
  const stateDirectory = await mkdtemp(join(tmpdir(), "abm-azure-crash-state-"));
  const child = spawn(
    process.execPath,
    ["--import", "tsx", CHILD, JSON.stringify({ settings, stateDirectory, now: NOW, members: MEMBERS, padding: PADDING })],
    {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stdout = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  const exited = new Promise<NodeJS.Signals | null>((done) => child.on("exit", (_code, signal) => done(signal)));
  let blocksOfSecond = 0;
  onRequest = (request) => {
    if (!isBlockOf(request, "_2.csv") || ++blocksOfSecond !== 4) return undefined;
    child.kill("SIGKILL");
    return { kind: "timeout", apply: true };
  };
  const signal = await exited;
  onRequest = undefined;
  return { settings, stateDirectory, signal, stdout };
}

describe("crash mid-upload (SIGKILL) and resume", () => {
  it("resumed with the same moment: the committed file is kept, the interrupted one staged again and committed, every blob matches the manifest", async () => {
    const crash = await crashMidUpload("crash-same");
    expect(crash.signal).toBe("SIGKILL");
    expect(crash.stdout).not.toContain("finished");
    const name = "azure-blob_tier-1_20261120_120000";
    // the uncommitted blocks of the second file are not a blob a reader sees
    expect(await blobNames(container, "crash-same/")).toEqual([`crash-same/.abm-kit-uploads/${name}.manifest.json`, `crash-same/${name}.csv`]);
    const staged = await container.getBlockBlobClient(`crash-same/${name}_2.csv`).getBlockList("uncommitted");
    expect(staged.uncommittedBlocks!.length).toBeGreaterThanOrEqual(4);

    const before = requests.length;
    const report = await activate(accountPlan(crash.settings, "full", PADDING), {
      destination: azureBlobDestination,
      snapshot,
      audiences: [membership(ids("a", 0, MEMBERS))],
      now: NOW,
      state: new JsonFileStateStore(crash.stateDirectory),
    });
    expect(report.status).toBe("completed");
    const resumed = requests.slice(before);
    // the first file is already there and checks out: no block of it is sent again
    expect(resumed.filter((r) => isBlockOf(r, `${name}.csv`))).toEqual([]);
    // the second is staged again from its first block (same block ids) and committed once
    const second = await container.getBlockBlobClient(`crash-same/${name}_2.csv`).getBlockList("all");
    expect(resumed.filter((r) => isBlockOf(r, `${name}_2.csv`))).toHaveLength(second.committedBlocks!.length);
    expect(second.uncommittedBlocks ?? []).toEqual([]);
    expect(await blobNames(container, "crash-same/")).toEqual([`crash-same/${name}.csv`, `crash-same/${name}.manifest.json`, `crash-same/${name}_2.csv`]);
    // no member lost, none twice
    const { manifest, files } = await readExport(readBlob(container), `crash-same/${name}.manifest.json`);
    expect(manifest.files.map((f) => f.rows)).toEqual([MEMBERS / 2, MEMBERS / 2]);
    expect(csvIds(files)).toEqual(ids("a", 0, MEMBERS));
    expect(await readdir(crash.settings.stagingDirectory)).toEqual([]);
  }, 120_000);

  it("resumed later (a new moment, new file names): the crashed run's blobs are removed, one copy remains", async () => {
    const crash = await crashMidUpload("crash-later");
    expect(crash.signal).toBe("SIGKILL");
    const report = await activate(accountPlan(crash.settings, "full", PADDING), {
      destination: azureBlobDestination,
      snapshot,
      audiences: [membership(ids("a", 0, MEMBERS))],
      now: LATER,
      state: new JsonFileStateStore(crash.stateDirectory),
    });
    expect(report.status).toBe("completed");
    const name = "azure-blob_tier-1_20261121_120000";
    expect(await blobNames(container, "crash-later/")).toEqual([`crash-later/${name}.csv`, `crash-later/${name}.manifest.json`, `crash-later/${name}_2.csv`]);
    expect(csvIds((await readExport(readBlob(container), `crash-later/${name}.manifest.json`)).files)).toEqual(ids("a", 0, MEMBERS));
    expect(await readdir(crash.settings.stagingDirectory)).toEqual([]);
  }, 120_000);
});
