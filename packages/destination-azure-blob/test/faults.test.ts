import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ContainerClient } from "@azure/storage-blob";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activate, MemoryStateStore } from "@abm-kit/destinations";
import type { Fault } from "@abm-kit/destinations/testing";
import { azureBlobDestination } from "@abm-kit/destination-azure-blob";
import { AZURITE_KEY } from "@abm-kit/destination-azure-blob/testing";
import { startAzurite, startBlobFaultProxy, type AzuriteServer, type BlobRequestInfo } from "@abm-kit/destination-azure-blob/testing";
import { accountPlan, csvIds, fixtureSnapshot, ids, membership, NOW, readExport } from "./fixtures/audience-fixture.js";
import { createContainer, readBlob } from "./fixtures/azurite-container.js";

let azurite: AzuriteServer;
let container: ContainerClient;
beforeAll(async () => {
  azurite = await startAzurite();
  container = await createContainer(azurite, "faults");
});
afterAll(async () => {
  await azurite?.close();
});

const NAME = "azure-blob_tier-1_20261120_120000";
const isStageBlock = (r: BlobRequestInfo) => r.method === "PUT" && r.comp === "block" && r.path.endsWith(".csv");
const isCommit = (r: BlobRequestInfo) => r.method === "PUT" && r.comp === "blocklist" && r.path.endsWith(".csv");
const isReadBack = (r: BlobRequestInfo) => r.method === "GET" && r.comp === undefined && r.path.endsWith(".csv");

const cases: [string, (r: BlobRequestInfo) => boolean, Fault][] = [
  ["an unanswered staged block Azurite stored", isStageBlock, { kind: "timeout", apply: true }],
  ["a reset after the block list was committed", isCommit, { kind: "reset", apply: true }],
  ["a 503 before the commit", isCommit, { kind: "serverError", status: 503, apply: false }],
  ["503 ServerBusy (rate limit) on a staged block", isStageBlock, { kind: "rateLimit", retryAfterSeconds: 0 }],
  ["an unreadable answer to the read-back", isReadBack, { kind: "malformed", apply: true }],
  ["one 403 AuthenticationFailed on a staged block (the login is obtained again)", isStageBlock, { kind: "expiredToken" }],
];

describe("single faults in front of Azurite", () => {
  for (const [what, matches, fault] of cases) {
    it(`recovers from ${what}: the export completes and reads back intact`, async () => {
      let injected = 0;
      const proxy = await startBlobFaultProxy(azurite.blobEndpoint, { faults: (_i, r) => (injected === 0 && matches(r) ? (injected++, fault) : undefined) });
      try {
        const prefix = what.replace(/[^a-z0-9]+/gi, "-");
        const settings = {
          connectionString: azurite.connectionString(proxy.blobEndpoint),
          container: "faults",
          prefix,
          stagingDirectory: await mkdtemp(join(tmpdir(), "abm-azure-faults-")),
          requestTimeoutMs: 1500,
          blockBytes: 1024,
        };
        const report = await activate(accountPlan(settings, "full"), {
          destination: azureBlobDestination,
          snapshot: fixtureSnapshot(200),
          audiences: [membership(ids("a", 0, 150))],
          now: NOW,
          state: new MemoryStateStore(),
        });
        expect(injected).toBe(1);
        expect(report.status).toBe("completed");
        expect(csvIds((await readExport(readBlob(container), `${prefix}/${NAME}.manifest.json`)).files)).toEqual(ids("a", 0, 150));
      } finally {
        await proxy.close();
      }
    });
  }
});

it("403 AuthenticationFailed on every try (a wrong key, an expired SAS): after one renewal of the login the files fail, no manifest is written, and the key appears nowhere", async () => {
  const proxy = await startBlobFaultProxy(azurite.blobEndpoint, { faults: (_i, r) => (isStageBlock(r) ? { kind: "expiredToken" } : undefined) });
  try {
    const settings = {
      connectionString: azurite.connectionString(proxy.blobEndpoint),
      container: "faults",
      prefix: "denied",
      stagingDirectory: await mkdtemp(join(tmpdir(), "abm-azure-faults-")),
      requestTimeoutMs: 1500,
    };
    const report = await activate(accountPlan(settings, "full"), {
      destination: azureBlobDestination,
      snapshot: fixtureSnapshot(200),
      audiences: [membership(ids("a", 0, 150))],
      now: NOW,
      state: new MemoryStateStore(),
    });
    expect(report.status).toBe("completedWithFailures");
    expect(report.tokenRefreshes).toBe(1);
    expect(JSON.stringify(report)).not.toContain(AZURITE_KEY);
    expect(await container.getBlobClient(`denied/${NAME}.manifest.json`).exists()).toBe(false);
  } finally {
    await proxy.close();
  }
});
