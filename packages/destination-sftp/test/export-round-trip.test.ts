import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activate, MemoryStateStore } from "@abm-kit/destinations";
import { sftpDestination } from "@abm-kit/destination-sftp";
import { startSftpServer, type SftpTestServer } from "@abm-kit/destination-sftp/testing";
import { accountPlan, csvIds, fixtureSnapshot, ids, membership, NOW, readExport } from "./fixtures/audience-fixture.js";

const snapshot = fixtureSnapshot(3000);
let server: SftpTestServer;
beforeAll(async () => {
  server = await startSftpServer();
});
afterAll(async () => {
  await server.close();
});

const staging = () => mkdtemp(join(tmpdir(), "abm-sftp-staging-"));

describe("SFTP export round trip", () => {
  for (const auth of ["password", "privateKey"] as const) {
    it(`logs in by ${auth}, writes the files and the manifest into the remote directory, and they match the manifest's SHA-256`, async () => {
      const remoteDirectory = `/upload/${auth}/abm`;
      const settings = { ...server.settings({ auth }), remoteDirectory, stagingDirectory: await staging(), maxRowsPerFile: 1000 };
      const before = server.requests.length;
      const report = await activate(accountPlan(settings, "full"), {
        destination: sftpDestination,
        snapshot,
        audiences: [membership(ids("a", 0, 2500))],
        now: NOW,
        state: new MemoryStateStore(),
      });
      expect(report.status).toBe("completed");
      // without faults: one upload per file, ⌈2500 / 1000⌉ data files and the manifest
      const uploads = server.requests.slice(before).filter((r) => r.operation === "OPEN" && r.path.endsWith(".abm-kit-part"));
      expect(uploads).toHaveLength(Math.ceil(2500 / 1000) + 1);
      const name = "sftp_tier-1_20261120_120000";
      expect(await server.files(`upload/${auth}`)).toEqual(
        [
          `upload/${auth}/abm/${name}.csv`,
          `upload/${auth}/abm/${name}.manifest.json`,
          `upload/${auth}/abm/${name}_2.csv`,
          `upload/${auth}/abm/${name}_3.csv`,
        ].sort(),
      );
      const { manifest, files } = await readExport(server, `upload/${auth}/abm/${name}.manifest.json`);
      expect(manifest.files.map((f) => f.rows)).toEqual([1000, 1000, 500]);
      expect(csvIds(files)).toEqual(ids("a", 0, 2500));
      expect(await readdir(settings.stagingDirectory)).toEqual([]);
    });
  }

  it("a relative remote directory is relative to the login directory; the manifest is renamed into place after every data file", async () => {
    const settings = { ...server.settings(), remoteDirectory: "relative/out", stagingDirectory: await staging(), maxRowsPerFile: 1000 };
    const before = server.requests.length;
    const report = await activate(accountPlan(settings, "full"), {
      destination: sftpDestination,
      snapshot,
      audiences: [membership(ids("a", 0, 1500))],
      now: NOW,
      state: new MemoryStateStore(),
    });
    expect(report.status).toBe("completed");
    const renames = server.requests
      .slice(before)
      .filter((r) => r.operation === "RENAME" && r.outcome === 0)
      .map((r) => r.path);
    expect(renames).toEqual([
      "/relative/out/sftp_tier-1_20261120_120000.csv",
      "/relative/out/sftp_tier-1_20261120_120000_2.csv",
      "/relative/out/sftp_tier-1_20261120_120000.manifest.json",
    ]);
    // nothing is opened under a final name before it was renamed there (that OPEN is the read-back): data goes to a hidden temporary name first
    const seen = server.requests.slice(before);
    for (const [i, r] of seen.entries()) {
      if (r.operation !== "OPEN" || r.path.includes(".abm-kit")) continue;
      expect(seen.slice(0, i).some((earlier) => earlier.operation === "RENAME" && earlier.path === r.path && earlier.outcome === 0)).toBe(true);
    }
    expect(seen.filter((r) => r.operation === "OPEN" && /\/\.sftp_tier-1_[^/]+\.abm-kit-part$/.test(r.path))).toHaveLength(3);
    expect(csvIds((await readExport(server, "relative/out/sftp_tier-1_20261120_120000.manifest.json")).files)).toEqual(ids("a", 0, 1500));
  });

  it("an incremental run after a full one replaces nothing it need not and leaves no temporary or journal file", async () => {
    const settings = { ...server.settings(), remoteDirectory: "/inc", stagingDirectory: await staging() };
    const state = new MemoryStateStore();
    await activate(accountPlan(settings, "incremental"), {
      destination: sftpDestination,
      snapshot,
      audiences: [membership(ids("a", 0, 100))],
      now: NOW,
      state,
    });
    const second = await activate(accountPlan(settings, "incremental"), {
      destination: sftpDestination,
      snapshot,
      audiences: [membership(ids("a", 50, 150))],
      now: "2026-11-21T12:00:00.000Z",
      state,
    });
    expect(second.status).toBe("completed");
    expect(second.totals.exported).toBe(50);
    expect(second.totals.removed).toBe(50);
    const files = await server.files("inc");
    expect(files.filter((f) => f.includes(".abm-kit"))).toEqual([]);
    expect(files).toHaveLength(4);
  });
});
