import { spawn } from "node:child_process";
import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activate, JsonFileStateStore } from "@abm-kit/destinations";
import { gcsDestination, SESSIONS_FOLDER } from "@abm-kit/destination-gcs";
import { noGcsFaults, startGcsServer, type GcsTestServer } from "@abm-kit/destination-gcs/testing";
import { accountPlan, csvIds, fixtureSnapshot, ids, LATER, membership, NOW, readExport } from "./fixtures/audience-fixture.js";

const KiB = 1024;
const MEMBERS = 20_000;
const PADDING = 100;
const CHUNK = 256 * KiB;
const ROOT = resolve(import.meta.dirname, "../../..");
const CHILD = resolve(import.meta.dirname, "fixtures/export-child.ts");
const snapshot = fixtureSnapshot(MEMBERS);
let server: GcsTestServer;
beforeAll(async () => {
  server = await startGcsServer();
});
afterAll(async () => {
  await server.close();
});

/**
 * Starts an export in a child process and kills it (SIGKILL) when the second
 * data file's fourth chunk reaches the server (stored, its answer held back):
 * the first file is complete, the second is a resumable session holding four
 * chunks, and no manifest exists.
 */
async function crashMidUpload(keyPrefix: string) {
  const settings = {
    ...server.settings(),
    keyPrefix,
    stagingDirectory: await mkdtemp(join(tmpdir(), "abm-gcs-crash-staging-")),
    maxRowsPerFile: MEMBERS / 2,
    resumableThresholdBytes: CHUNK,
    chunkSizeBytes: CHUNK,
  };
  const stateDirectory = await mkdtemp(join(tmpdir(), "abm-gcs-crash-state-"));
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
  let chunksOfSecond = 0;
  server.setFaults((_i, request) => {
    if (request.operation !== "resumable.chunk" || !request.object?.endsWith("_2.csv") || request.contentRange?.startsWith("bytes */")) return undefined;
    if (++chunksOfSecond !== 4) return undefined;
    child.kill("SIGKILL");
    return { kind: "timeout", apply: true };
  });
  const signal = await exited;
  server.setFaults(noGcsFaults);
  return { settings, stateDirectory, signal, stdout };
}

describe("crash mid-upload (SIGKILL) and resume", () => {
  it("resumed with the same moment: the finished file is kept, the interrupted session continues from the server's offset, every object matches the manifest", async () => {
    const keyPrefix = "crash-same/";
    const crash = await crashMidUpload(keyPrefix);
    expect(crash.signal).toBe("SIGKILL");
    expect(crash.stdout).not.toContain("finished");
    const name = "gcs_tier-1_20261120_120000";
    expect(server.objects(keyPrefix).map((o) => o.name)).toEqual([`${keyPrefix}.abm-kit-uploads/${name}.manifest.json`, `${keyPrefix}${name}.csv`]);
    const interrupted = server.sessions().find((s) => s.name === `${keyPrefix}${name}_2.csv`)!;
    expect(interrupted).toMatchObject({ state: "active", received: 4 * CHUNK });
    expect(await readdir(crash.settings.stagingDirectory)).toContain(SESSIONS_FOLDER);

    const before = server.requests.length;
    const report = await activate(accountPlan(crash.settings, "full", PADDING), {
      destination: gcsDestination,
      snapshot,
      audiences: [membership(ids("a", 0, MEMBERS))],
      now: NOW,
      state: new JsonFileStateStore(crash.stateDirectory),
    });
    expect(report.status).toBe("completed");
    const resumed = server.requests.slice(before);
    const of = (file: string) => resumed.filter((r) => r.object === `${keyPrefix}${file}`);
    // the first file is already there and checks out: not sent again
    expect(of(`${name}.csv`).filter((r) => r.operation.startsWith("resumable") || r.operation.startsWith("insert"))).toEqual([]);
    // the second: no new session; a status query, then chunks from the fifth on
    expect(of(`${name}_2.csv`).filter((r) => r.operation === "resumable.initiate")).toEqual([]);
    const chunks = resumed.filter((r) => r.operation === "resumable.chunk" && r.contentRange !== undefined);
    expect(chunks[0]!.contentRange).toBe("bytes */*");
    expect(chunks[1]!.contentRange).toMatch(new RegExp(`^bytes ${4 * CHUNK}-`));
    const sent = chunks.reduce((n, c) => n + c.bytes, 0);
    expect(sent).toBe(server.read(`${keyPrefix}${name}_2.csv`).length - 4 * CHUNK);
    expect(server.objects(keyPrefix).map((o) => o.name)).toEqual([`${keyPrefix}${name}.csv`, `${keyPrefix}${name}.manifest.json`, `${keyPrefix}${name}_2.csv`]);
    expect(csvIds(readExport(server, `${keyPrefix}${name}.manifest.json`).files)).toEqual(ids("a", 0, MEMBERS));
    expect(await readdir(crash.settings.stagingDirectory)).toEqual([]);
  });

  it("resumed later (a new moment, new file names): the crashed run's objects are removed and its session cancelled; one copy remains", async () => {
    const keyPrefix = "crash-later/";
    const crash = await crashMidUpload(keyPrefix);
    expect(crash.signal).toBe("SIGKILL");
    const report = await activate(accountPlan(crash.settings, "full", PADDING), {
      destination: gcsDestination,
      snapshot,
      audiences: [membership(ids("a", 0, MEMBERS))],
      now: LATER,
      state: new JsonFileStateStore(crash.stateDirectory),
    });
    expect(report.status).toBe("completed");
    const name = "gcs_tier-1_20261121_120000";
    expect(server.objects(keyPrefix).map((o) => o.name)).toEqual([`${keyPrefix}${name}.csv`, `${keyPrefix}${name}.manifest.json`, `${keyPrefix}${name}_2.csv`]);
    expect(server.sessions().find((s) => s.name === `${keyPrefix}gcs_tier-1_20261120_120000_2.csv`)!.state).toBe("cancelled");
    expect(csvIds(readExport(server, `${keyPrefix}${name}.manifest.json`).files)).toEqual(ids("a", 0, MEMBERS));
    expect(await readdir(crash.settings.stagingDirectory)).toEqual([]);
  });
});
