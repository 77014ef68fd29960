import { spawn } from "node:child_process";
import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activate, JsonFileStateStore } from "@abm-kit/destinations";
import { sftpDestination } from "@abm-kit/destination-sftp";
import { startSftpServer, type SftpTestServer } from "@abm-kit/destination-sftp/testing";
import { accountPlan, csvIds, fixtureSnapshot, ids, LATER, membership, NOW, readExport } from "./fixtures/audience-fixture.js";

const MEMBERS = 20_000;
const PADDING = 300;
const ROOT = resolve(import.meta.dirname, "../../..");
const CHILD = resolve(import.meta.dirname, "fixtures/export-child.ts");
const snapshot = fixtureSnapshot(MEMBERS);
let server: SftpTestServer;
/** Kills the child once this many bytes of a file whose path matches were written. */
let killAt: { path: RegExp; bytes: number; kill: () => void } | undefined;
const writtenTo = new Map<string, number>();
beforeAll(async () => {
  server = await startSftpServer({
    onWrite: ({ path, bytes }) => {
      const total = (writtenTo.get(path) ?? 0) + bytes;
      writtenTo.set(path, total);
      if (killAt !== undefined && killAt.path.test(path) && total >= killAt.bytes) {
        killAt.kill();
        killAt = undefined;
      }
    },
  });
});
afterAll(async () => {
  await server.close();
});

/**
 * Starts an export of two data files (~3.3 MB each) in a child process and
 * kills it (SIGKILL) once 1.5 MB of the second file reached the server, so
 * the first file is in place, the second is half a temporary file, and no
 * manifest exists.
 */
async function crashMidUpload(remoteDirectory: string) {
  const settings = {
    ...server.settings(),
    remoteDirectory,
    stagingDirectory: await mkdtemp(join(tmpdir(), "abm-sftp-crash-staging-")),
    maxRowsPerFile: MEMBERS / 2,
    concurrency: 2,
  };
  const stateDirectory = await mkdtemp(join(tmpdir(), "abm-sftp-crash-state-"));
  const child = spawn(
    process.execPath,
    ["--import", "tsx", CHILD, JSON.stringify({ settings, stateDirectory, now: NOW, members: MEMBERS, padding: PADDING })],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  const exited = new Promise<NodeJS.Signals | null>((done) => child.on("exit", (_code, signal) => done(signal)));
  killAt = { path: /_2\.csv\.abm-kit-part$/, bytes: 1_500_000, kill: () => child.kill("SIGKILL") };
  const signal = await exited;
  return { settings, stateDirectory, signal, stdout };
}

describe("crash mid-upload (SIGKILL) and resume", () => {
  it("resumed with the same moment: the finished file is kept, the half-written one replaced, nothing temporary stays", async () => {
    const crash = await crashMidUpload("/crash-same");
    expect(crash.signal).toBe("SIGKILL");
    expect(crash.stdout).not.toContain("finished");
    const name = "sftp_tier-1_20261120_120000";
    expect(await server.files("crash-same")).toEqual(
      [`crash-same/.${name}_2.csv.abm-kit-part`, `crash-same/.abm-kit-uploads/${name}.manifest.json`, `crash-same/${name}.csv`].sort(),
    );

    const before = server.requests.length;
    const report = await activate(accountPlan(crash.settings, "full", PADDING), {
      destination: sftpDestination,
      snapshot,
      audiences: [membership(ids("a", 0, MEMBERS))],
      now: NOW,
      state: new JsonFileStateStore(crash.stateDirectory),
    });
    expect(report.status).toBe("completed");
    const resumed = server.requests.slice(before);
    const uploadsOf = (file: string) => resumed.filter((r) => r.operation === "OPEN" && r.path === `/crash-same/.${file}.abm-kit-part`).length;
    expect(uploadsOf(`${name}.csv`)).toBe(0); // already there and intact: kept
    expect(uploadsOf(`${name}_2.csv`)).toBe(1);
    expect(await server.files("crash-same")).toEqual([`crash-same/${name}.csv`, `crash-same/${name}.manifest.json`, `crash-same/${name}_2.csv`]);
    expect(csvIds((await readExport(server, `crash-same/${name}.manifest.json`)).files)).toEqual(ids("a", 0, MEMBERS));
    expect(await readdir(crash.settings.stagingDirectory)).toEqual([]);
  });

  it("resumed later (a new moment, new file names): the crashed run's files are removed, one copy remains", async () => {
    const crash = await crashMidUpload("/crash-later");
    expect(crash.signal).toBe("SIGKILL");
    const report = await activate(accountPlan(crash.settings, "full", PADDING), {
      destination: sftpDestination,
      snapshot,
      audiences: [membership(ids("a", 0, MEMBERS))],
      now: LATER,
      state: new JsonFileStateStore(crash.stateDirectory),
    });
    expect(report.status).toBe("completed");
    const name = "sftp_tier-1_20261121_120000";
    expect(await server.files("crash-later")).toEqual([`crash-later/${name}.csv`, `crash-later/${name}.manifest.json`, `crash-later/${name}_2.csv`]);
    expect(csvIds((await readExport(server, `crash-later/${name}.manifest.json`)).files)).toEqual(ids("a", 0, MEMBERS));
    expect(await readdir(crash.settings.stagingDirectory)).toEqual([]);
  });
});
