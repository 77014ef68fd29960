import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ContainerClient } from "@azure/storage-blob";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activate, MemoryStateStore } from "@abm-kit/destinations";
import { azureBlobDestination, SHA256_METADATA } from "@abm-kit/destination-azure-blob";
import { AZURITE_ACCOUNT, AZURITE_KEY, startAzurite, startBlobFaultProxy, type AzuriteServer } from "@abm-kit/destination-azure-blob/testing";
import { accountPlan, csvIds, fixtureSnapshot, ids, membership, NOW, readExport } from "./fixtures/audience-fixture.js";
import { blobNames, createContainer, readBlob } from "./fixtures/azurite-container.js";

const snapshot = fixtureSnapshot(3000);
let azurite: AzuriteServer;
let container: ContainerClient;
beforeAll(async () => {
  azurite = await startAzurite();
  container = await createContainer(azurite, "exports");
});
afterAll(async () => {
  await azurite?.close();
});

const staging = () => mkdtemp(join(tmpdir(), "abm-azure-staging-"));
const NAME = "azure-blob_tier-1_20261120_120000";

describe("Azure Blob export round trip against Azurite", () => {
  it("logs in by connection string, stages each file as blocks committed at once with its SHA-256 in the metadata, and what a reader gets matches the manifest", async () => {
    const requests: { method: string; path: string; comp?: string }[] = [];
    const proxy = await startBlobFaultProxy(azurite.blobEndpoint, { faults: (_i, r) => void requests.push(r) });
    try {
      // 1 KiB blocks: every data file is several blocks
      const settings = {
        connectionString: azurite.connectionString(proxy.blobEndpoint),
        container: "exports",
        prefix: "cs/abm",
        stagingDirectory: await staging(),
        maxRowsPerFile: 1000,
        blockBytes: 1024,
      };
      const report = await activate(accountPlan(settings, "full"), {
        destination: azureBlobDestination,
        snapshot,
        audiences: [membership(ids("a", 0, 2500))],
        now: NOW,
        state: new MemoryStateStore(),
      });
      expect(report.status).toBe("completed");
      expect(await blobNames(container, "cs/")).toEqual(
        [`cs/abm/${NAME}.csv`, `cs/abm/${NAME}.manifest.json`, `cs/abm/${NAME}_2.csv`, `cs/abm/${NAME}_3.csv`].sort(),
      );
      const { manifest, files } = await readExport(readBlob(container), `cs/abm/${NAME}.manifest.json`);
      expect(manifest.files.map((f) => f.rows)).toEqual([1000, 1000, 500]);
      expect(csvIds(files)).toEqual(ids("a", 0, 2500));
      for (const file of manifest.files) {
        const properties = await container.getBlobClient(`cs/abm/${file.name}`).getProperties();
        expect(properties.metadata?.[SHA256_METADATA]).toBe(file.sha256);
        expect(properties.contentType).toBe("text/csv; charset=utf-8");
        // committed from several blocks, not one Put Blob
        const blocks = await container.getBlockBlobClient(`cs/abm/${file.name}`).getBlockList("all");
        expect(blocks.committedBlocks!.length).toBe(Math.ceil(file.bytes / 1024));
        expect(blocks.uncommittedBlocks ?? []).toEqual([]);
      }
      // every data file committed before the manifest; each read back once (a GET of the whole blob) after its commit
      const commits = requests.filter((r) => r.method === "PUT" && r.comp === "blocklist").map((r) => r.path.split("/").at(-1));
      expect(commits.at(-1)).toBe(`${NAME}.manifest.json`);
      expect(commits.slice(0, -1).sort()).toEqual([`${NAME}.csv`, `${NAME}_2.csv`, `${NAME}_3.csv`]);
      expect(requests.filter((r) => r.method === "GET" && r.comp === undefined && r.path.endsWith(".csv"))).toHaveLength(3);
      expect(await readdir(settings.stagingDirectory)).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it("logs in by account name and key with an explicit blob endpoint; verify: size reads nothing back", async () => {
    const requests: { method: string; path: string; comp?: string }[] = [];
    const proxy = await startBlobFaultProxy(azurite.blobEndpoint, { faults: (_i, r) => void requests.push(r) });
    try {
      const settings = {
        accountName: AZURITE_ACCOUNT,
        accountKey: AZURITE_KEY,
        blobEndpoint: proxy.blobEndpoint,
        container: "exports",
        prefix: "key/",
        stagingDirectory: await staging(),
        verify: "size",
      };
      const report = await activate(accountPlan(settings, "full"), {
        destination: azureBlobDestination,
        snapshot,
        audiences: [membership(ids("a", 0, 300))],
        now: NOW,
        state: new MemoryStateStore(),
      });
      expect(report.status).toBe("completed");
      const { files } = await readExport(readBlob(container), `key/${NAME}.manifest.json`);
      expect(csvIds(files)).toEqual(ids("a", 0, 300));
      expect(requests.filter((r) => r.method === "GET" && r.comp === undefined && r.path.endsWith(".csv"))).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it("logs in by a container SAS URL", async () => {
    const sasUrl = await container.generateSasUrl({
      permissions: (await import("@azure/storage-blob")).ContainerSASPermissions.parse("racwdl"),
      expiresOn: new Date("2099-01-01T00:00:00Z"),
    });
    const settings = { sasUrl, prefix: "sas", stagingDirectory: await staging() };
    const report = await activate(accountPlan(settings, "full"), {
      destination: azureBlobDestination,
      snapshot,
      audiences: [membership(ids("a", 0, 50))],
      now: NOW,
      state: new MemoryStateStore(),
    });
    expect(report.status).toBe("completed");
    expect(csvIds((await readExport(readBlob(container), `sas/${NAME}.manifest.json`)).files)).toEqual(ids("a", 0, 50));
    // the signature is nowhere in the report
    const sig = new URL(sasUrl).searchParams.get("sig")!;
    expect(JSON.stringify(report)).not.toContain(sig);
  });

  it("an incremental run after another leaves only the two exports (no journal blob)", async () => {
    const settings = { connectionString: azurite.connectionString(), container: "exports", prefix: "inc", stagingDirectory: await staging() };
    const state = new MemoryStateStore();
    await activate(accountPlan(settings, "incremental"), {
      destination: azureBlobDestination,
      snapshot,
      audiences: [membership(ids("a", 0, 100))],
      now: NOW,
      state,
    });
    const second = await activate(accountPlan(settings, "incremental"), {
      destination: azureBlobDestination,
      snapshot,
      audiences: [membership(ids("a", 50, 150))],
      now: "2026-11-21T12:00:00.000Z",
      state,
    });
    expect(second.status).toBe("completed");
    expect(second.totals.exported).toBe(50);
    expect(second.totals.removed).toBe(50);
    expect(await blobNames(container, "inc/")).toHaveLength(4);
  });
});
