import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activate, MemoryStateStore } from "@abm-kit/destinations";
import { s3Destination } from "@abm-kit/destination-s3";
import { startS3Server, type S3TestServer } from "@abm-kit/destination-s3/testing";
import { accountPlan, csvIds, fixtureSnapshot, ids, LATER, membership, NOW, readExport } from "./fixtures/audience-fixture.js";

const snapshot = fixtureSnapshot(40_000);
let server: S3TestServer;
beforeAll(async () => {
  server = await startS3Server();
});
afterAll(async () => {
  await server.close();
});

async function staging() {
  return mkdtemp(join(tmpdir(), "abm-s3-staging-"));
}

describe("S3 destination on a local S3-protocol server", () => {
  it("exports an audience as files with a manifest; every object reads back equal to the manifest's SHA-256", async () => {
    const stagingDirectory = await staging();
    const settings = { ...server.settings(), keyPrefix: "round-trip/", stagingDirectory, maxRowsPerFile: 400 };
    const report = await activate(accountPlan(settings, "full"), {
      destination: s3Destination,
      snapshot,
      audiences: [membership(ids("a", 0, 1000))],
      now: NOW,
      state: new MemoryStateStore(),
    });
    expect(report.status).toBe("completed");
    const manifest = report.audiences[0]!.manifest!;
    expect(manifest.files.map((f) => [f.name, f.rows])).toEqual([
      ["s3_tier-1_20261120_120000.csv", 400],
      ["s3_tier-1_20261120_120000_2.csv", 400],
      ["s3_tier-1_20261120_120000_3.csv", 200],
    ]);
    const { manifest: stored, files } = await readExport(server, "round-trip/s3_tier-1_20261120_120000.manifest.json");
    expect(stored).toEqual(manifest);
    expect(csvIds(files)).toEqual(ids("a", 0, 1000));
    // exactly the export: no journal marker, nothing else; the staging folder is emptied
    expect((await server.objects("round-trip/")).map((o) => o.key)).toEqual([
      "round-trip/s3_tier-1_20261120_120000.csv",
      "round-trip/s3_tier-1_20261120_120000.manifest.json",
      "round-trip/s3_tier-1_20261120_120000_2.csv",
      "round-trip/s3_tier-1_20261120_120000_3.csv",
    ]);
    expect(await readdir(stagingDirectory)).toEqual([]);
  });

  it("uploads the manifest after every data file", async () => {
    const settings = { ...server.settings(), keyPrefix: "order/", stagingDirectory: await staging(), maxRowsPerFile: 300 };
    const before = server.requests.length;
    await activate(accountPlan(settings, "full"), {
      destination: s3Destination,
      snapshot,
      audiences: [membership(ids("a", 0, 900))],
      now: NOW,
      state: new MemoryStateStore(),
    });
    const puts = server.requests.slice(before).filter((r) => r.operation === "PutObject" && !r.path.includes(".abm-kit-uploads/"));
    expect(puts.map((r) => r.path.split("/").pop())).toEqual([
      "s3_tier-1_20261120_120000.csv",
      "s3_tier-1_20261120_120000_2.csv",
      "s3_tier-1_20261120_120000_3.csv",
      "s3_tier-1_20261120_120000.manifest.json",
    ]);
  });

  for (const [label, extra] of [
    ["AWS-style checksums (SHA256, verified by the stored checksum)", { checksumAlgorithm: "SHA256", checksumCalculation: "WHEN_SUPPORTED" }],
    ["CRC32 checksums", { checksumAlgorithm: "CRC32", checksumCalculation: "WHEN_SUPPORTED" }],
    ["the S3-compatible defaults (no flexible checksum, verified by the ETag)", {}],
  ] as const) {
    it(`multipart uploads of 3+ parts arrive intact with ${label}`, async () => {
      const keyPrefix = `multipart-${label.slice(0, 8).replace(/\W/g, "")}/`;
      const settings = {
        ...server.settings(),
        ...extra,
        keyPrefix,
        stagingDirectory: await staging(),
        multipartThresholdBytes: 5 * 1024 * 1024,
        partSizeBytes: 5 * 1024 * 1024,
      };
      const before = server.requests.length;
      const report = await activate(accountPlan(settings, "full", 400), {
        destination: s3Destination,
        snapshot,
        audiences: [membership(ids("a", 0, 40_000))],
        now: NOW,
        state: new MemoryStateStore(),
      });
      expect(report.status).toBe("completed");
      const file = report.audiences[0]!.manifest!.files[0]!;
      expect(file.bytes).toBeGreaterThan(3 * 5 * 1024 * 1024);
      const parts = server.requests.slice(before).filter((r) => r.operation === "UploadPart" && r.status === 200);
      expect(parts.length).toBeGreaterThanOrEqual(4);
      const { files } = await readExport(server, `${keyPrefix}s3_tier-1_20261120_120000.manifest.json`);
      expect(csvIds(files)).toEqual(ids("a", 0, 40_000));
      expect(await server.multipartUploads()).toEqual([]);
    });
  }

  it("incremental runs export only what changed, with statuses", async () => {
    const settings = { ...server.settings(), keyPrefix: "incremental/", stagingDirectory: await staging() };
    const state = new MemoryStateStore();
    await activate(accountPlan(settings, "incremental"), { destination: s3Destination, snapshot, audiences: [membership(ids("a", 0, 10))], now: NOW, state });
    const second = await activate(accountPlan(settings, "incremental"), {
      destination: s3Destination,
      snapshot,
      audiences: [membership(ids("a", 5, 15))],
      now: LATER,
      state,
    });
    expect(second.audiences[0]).toMatchObject({ realized: 5, exited: 5, exported: 5, removed: 5 });
    const { files } = await readExport(server, "incremental/s3_tier-1_20261121_120000.manifest.json");
    const rows = [...files.values()][0]!
      .toString("utf8")
      .trimEnd()
      .split("\n")
      .slice(1)
      .map((l) => [l.split(",")[0], l.split(",").pop()]);
    expect(rows).toEqual([...ids("a", 10, 15).map((id) => [id, "realized"]), ...ids("a", 0, 5).map((id) => [id, "exited"])]);
  });
});
