import { spawn } from "node:child_process";
import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activate, JsonFileStateStore } from "@abm-kit/destinations";
import { s3Destination } from "@abm-kit/destination-s3";
import { noS3Faults, startS3Server, type S3TestServer } from "@abm-kit/destination-s3/testing";
import { accountPlan, csvIds, fixtureSnapshot, ids, LATER, membership, NOW, readExport } from "./fixtures/audience-fixture.js";
import { faultOn } from "./fixtures/fault-plans.js";

const MiB = 1024 * 1024;
const MEMBERS = 40_000;
const PADDING = 400;
const ROOT = resolve(import.meta.dirname, "../../..");
const CHILD = resolve(import.meta.dirname, "fixtures/export-child.ts");
const snapshot = fixtureSnapshot(MEMBERS);
let server: S3TestServer;
beforeAll(async () => {
  server = await startS3Server();
});
afterAll(async () => {
  await server.close();
});

/**
 * Starts an export in a child process and kills it (SIGKILL) when the second
 * data file's second part reaches the server (held there), so the first file
 * is complete, the second is a multipart upload with parts, and no manifest exists.
 */
async function crashMidUpload(keyPrefix: string) {
  const settings = {
    ...server.settings(),
    keyPrefix,
    stagingDirectory: await mkdtemp(join(tmpdir(), "abm-s3-crash-staging-")),
    maxRowsPerFile: MEMBERS / 2,
    multipartThresholdBytes: 5 * MiB,
    partSizeBytes: 5 * MiB,
    queueSize: 1,
  };
  const stateDirectory = await mkdtemp(join(tmpdir(), "abm-s3-crash-state-"));
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
  server.setFaults(
    faultOn("UploadPart", [4], { kind: "timeout", apply: false }, () => {
      child.kill("SIGKILL");
    }),
  );
  const signal = await exited;
  server.setFaults(noS3Faults);
  return { settings, stateDirectory, signal, stdout };
}

const staged = (directory: string) => readdir(directory);

describe("crash mid-upload (SIGKILL) and resume", () => {
  it("resumed with the same moment: the same objects, the finished file not uploaded again, no orphaned parts", async () => {
    const keyPrefix = "crash-same/";
    const crash = await crashMidUpload(keyPrefix);
    expect(crash.signal).toBe("SIGKILL");
    expect(crash.stdout).not.toContain("finished");
    const name = "s3_tier-1_20261120_120000";
    expect((await server.objects(keyPrefix)).map((o) => o.key)).toEqual([`${keyPrefix}.abm-kit-uploads/${name}.manifest.json`, `${keyPrefix}${name}.csv`]);
    expect((await server.multipartUploads()).map((u) => u.key)).toEqual([`${keyPrefix}${name}_2.csv`]);

    const before = server.requests.length;
    const report = await activate(accountPlan(crash.settings, "full", PADDING), {
      destination: s3Destination,
      snapshot,
      audiences: [membership(ids("a", 0, MEMBERS))],
      now: NOW,
      state: new JsonFileStateStore(crash.stateDirectory),
    });
    expect(report.status).toBe("completed");
    const resumed = server.requests.slice(before);
    const uploadsOf = (file: string) =>
      resumed.filter((r) => ["PutObject", "CreateMultipartUpload"].includes(r.operation) && r.path.endsWith(`/${file}`)).length;
    expect(uploadsOf(`${name}.csv`)).toBe(0); // already there and checked: kept
    expect(uploadsOf(`${name}_2.csv`)).toBe(1);
    expect(resumed.filter((r) => r.operation === "AbortMultipartUpload" && r.status === 204).length).toBe(1);
    expect((await server.objects(keyPrefix)).map((o) => o.key)).toEqual([
      `${keyPrefix}${name}.csv`,
      `${keyPrefix}${name}.manifest.json`,
      `${keyPrefix}${name}_2.csv`,
    ]);
    expect(await server.multipartUploads()).toEqual([]);
    expect(csvIds((await readExport(server, `${keyPrefix}${name}.manifest.json`)).files)).toEqual(ids("a", 0, MEMBERS));
    expect(await staged(crash.settings.stagingDirectory)).toEqual([]);
  });

  it("resumed later (a new moment, new file names): the crashed run's objects are removed, one copy remains", async () => {
    const keyPrefix = "crash-later/";
    const crash = await crashMidUpload(keyPrefix);
    expect(crash.signal).toBe("SIGKILL");
    const report = await activate(accountPlan(crash.settings, "full", PADDING), {
      destination: s3Destination,
      snapshot,
      audiences: [membership(ids("a", 0, MEMBERS))],
      now: LATER,
      state: new JsonFileStateStore(crash.stateDirectory),
    });
    expect(report.status).toBe("completed");
    const name = "s3_tier-1_20261121_120000";
    expect((await server.objects(keyPrefix)).map((o) => o.key)).toEqual([
      `${keyPrefix}${name}.csv`,
      `${keyPrefix}${name}.manifest.json`,
      `${keyPrefix}${name}_2.csv`,
    ]);
    expect(await server.multipartUploads()).toEqual([]);
    expect(csvIds((await readExport(server, `${keyPrefix}${name}.manifest.json`)).files)).toEqual(ids("a", 0, MEMBERS));
    expect(await staged(crash.settings.stagingDirectory)).toEqual([]);
  });
});
