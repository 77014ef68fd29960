import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activate, MemoryStateStore } from "@abm-kit/destinations";
import { gcsDestination } from "@abm-kit/destination-gcs";
import { startGcsServer, type GcsTestServer } from "@abm-kit/destination-gcs/testing";
import { accountPlan, csvIds, fixtureSnapshot, ids, membership, NOW, readExport } from "./fixtures/audience-fixture.js";

let server: GcsTestServer;
beforeAll(async () => {
  server = await startGcsServer();
});
afterAll(async () => {
  await server.close();
});

const staging = () => mkdtemp(join(tmpdir(), "abm-gcs-staging-"));

describe("exports to the local GCS server", () => {
  it("a small export goes in multipart requests with the service account's token; every object matches the manifest", async () => {
    const settings = { ...server.settings(), keyPrefix: "small/", stagingDirectory: await staging() };
    const report = await activate(accountPlan(settings, "full"), {
      destination: gcsDestination,
      snapshot: fixtureSnapshot(50),
      audiences: [membership(ids("a", 0, 50))],
      now: NOW,
      state: new MemoryStateStore(),
    });
    expect(report.status).toBe("completed");
    const name = "gcs_tier-1_20261120_120000";
    expect(server.objects("small/").map((o) => o.name)).toEqual([`small/${name}.csv`, `small/${name}.manifest.json`]);
    const { files } = readExport(server, `small/${name}.manifest.json`);
    expect(csvIds(files)).toEqual(ids("a", 0, 50));
    const ops = server.requests.map((r) => r.operation);
    expect(ops.filter((o) => o === "token").length).toBe(1);
    expect(ops).not.toContain("resumable.initiate");
    expect(server.objects("small/")[0]!.metadata?.sha256).toBe(report.audiences[0]!.manifest!.files[0]!.sha256);
    expect(await readdir(settings.stagingDirectory)).toEqual([]);
  });

  it("a large file goes by resumable upload in 256 KiB chunks, encrypted with the CMEK key; the bytes match the manifest", async () => {
    const kmsKeyName = "projects/p/locations/europe/keyRings/abm/cryptoKeys/exports";
    const settings = {
      ...server.settings(),
      keyPrefix: "large/",
      stagingDirectory: await staging(),
      resumableThresholdBytes: 256 * 1024,
      chunkSizeBytes: 256 * 1024,
      kmsKeyName,
      storageClass: "NEARLINE",
    };
    const before = server.requests.length;
    const report = await activate(accountPlan(settings, "full", 200), {
      destination: gcsDestination,
      snapshot: fixtureSnapshot(3000),
      audiences: [membership(ids("a", 0, 3000))],
      now: NOW,
      state: new MemoryStateStore(),
    });
    expect(report.status, JSON.stringify(report.audiences[0]?.warnings)).toBe("completed");
    const name = "gcs_tier-1_20261120_120000";
    const { files } = readExport(server, `large/${name}.manifest.json`);
    expect(csvIds(files)).toEqual(ids("a", 0, 3000));
    const data = server.objects("large/").find((o) => o.name.endsWith(".csv"))!;
    expect(data.kmsKeyName).toBe(`${kmsKeyName}/cryptoKeyVersions/1`);
    expect(data.storageClass).toBe("NEARLINE");
    const chunks = server.requests.slice(before).filter((r) => r.operation === "resumable.chunk");
    expect(chunks.length).toBe(Math.ceil(data.bytes.length / (256 * 1024)));
    expect(chunks.slice(0, -1).every((c) => c.bytes === 256 * 1024 && c.status === 308)).toBe(true);
    expect(chunks.at(-1)!.status).toBe(200);
    expect(
      server
        .sessions()
        .filter((s) => s.name === data.name)
        .map((s) => s.state),
    ).toEqual(["finalized"]);
    expect(await readdir(settings.stagingDirectory)).toEqual([]);
  });
});
