import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { activate, createActivationEvents, MemoryStateStore, type RunReport } from "@abm-kit/destinations";
import { sftpDestination } from "@abm-kit/destination-sftp";
import { noSftpFaults, startSftpServer, type SftpFault, type SftpTestServer } from "@abm-kit/destination-sftp/testing";
import { accountPlan, csvIds, fixtureSnapshot, ids, membership, NOW, readExport } from "./fixtures/audience-fixture.js";

const snapshot = fixtureSnapshot(20_000);
let server: SftpTestServer;
let counter = 0;
beforeAll(async () => {
  server = await startSftpServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  server.setFaults(noSftpFaults);
  server.setDelay(0);
  server.dropAfterWrittenBytes(undefined);
});

/** Faults on the `nth` (1-based) requests of `operation` whose path matches `path`. */
function faultOn(operation: string, nth: readonly number[], fault: SftpFault, path = /./) {
  let seen = 0;
  return (_index: number, request: { operation: string; path: string }) => {
    if (request.operation !== operation || !path.test(request.path)) return undefined;
    seen++;
    return nth.includes(seen) ? fault : undefined;
  };
}

/** A full export of `members` accounts; the report, the output (events, report, error) and the new requests. */
async function run(members: number, extra: Record<string, unknown> = {}, padding = 0) {
  const remoteDirectory = `/faults-${++counter}`;
  const settings = { ...server.settings(), remoteDirectory, stagingDirectory: await mkdtemp(join(tmpdir(), "abm-sftp-faults-")), ...extra };
  const events = createActivationEvents();
  const output: string[] = [];
  for (const name of ["run:start", "audience:delta", "batch:retry", "checkpoint", "file:written", "run:end"] as const)
    events.on(name, (p: unknown) => output.push(JSON.stringify(p)));
  const before = server.requests.length;
  const connectionsBefore = server.connections();
  let report: RunReport | undefined;
  try {
    report = await activate(accountPlan(settings, "full", padding), {
      destination: sftpDestination,
      snapshot,
      audiences: [membership(ids("a", 0, members))],
      now: NOW,
      state: new MemoryStateStore(),
      events,
      sleep: async () => {},
    });
    output.push(JSON.stringify(report));
  } catch (e) {
    output.push(JSON.stringify(e, Object.getOwnPropertyNames(e)));
  }
  const requests = server.requests.slice(before);
  return {
    report,
    output: output.join("\n"),
    requests,
    connections: server.connections() - connectionsBefore,
    dir: remoteDirectory.slice(1),
    manifest: `${remoteDirectory.slice(1)}/sftp_tier-1_20261120_120000.manifest.json`,
  };
}

const leaked = (text: string) => server.secrets().filter((s) => text.includes(s));

describe("SFTP destination under faults", () => {
  it("the connection drops in the middle of an upload: the file is sent again on a new connection, no temporary file stays", async () => {
    server.dropAfterWrittenBytes(3 * 1024 * 1024);
    const r = await run(20_000, {}, 300);
    expect(r.report!.status).toBe("completed");
    expect(r.report!.retries).toBe(1);
    expect(r.connections).toBe(4); // prepare, the cut upload, its retry, the manifest
    const files = await server.files(r.dir);
    expect(files.filter((f) => f.includes(".abm-kit"))).toEqual([]);
    expect(csvIds((await readExport(server, r.manifest)).files)).toEqual(ids("a", 0, 20_000));
    expect(leaked(r.output)).toEqual([]);
  });

  it("a RENAME carried out whose answer is a failure: the retry finds the file in place and intact, and keeps it", async () => {
    server.setFaults(faultOn("RENAME", [1], { kind: "failure", apply: true }));
    const r = await run(500);
    expect(r.report!.status).toBe("completed");
    expect(r.report!.retries).toBe(1);
    const uploads = r.requests.filter((q) => q.operation === "OPEN" && q.path.endsWith(".csv.abm-kit-part"));
    expect(uploads).toHaveLength(1);
    expect(csvIds((await readExport(server, r.manifest)).files)).toEqual(ids("a", 0, 500));
  });

  it("a failure before a WRITE is carried out: the upload is retried whole and the partial file removed", async () => {
    server.setFaults(faultOn("WRITE", [2], { kind: "failure", apply: false }));
    const r = await run(5000, { chunkBytes: 4096, concurrency: 2 });
    expect(r.report!.status).toBe("completed");
    expect(r.report!.retries).toBe(1);
    expect(r.requests.filter((q) => q.operation === "REMOVE" && q.path.endsWith(".abm-kit-part") && q.outcome === 0).length).toBeGreaterThanOrEqual(1);
    expect((await server.files(r.dir)).filter((f) => f.includes(".abm-kit"))).toEqual([]);
    expect(csvIds((await readExport(server, r.manifest)).files)).toEqual(ids("a", 0, 5000));
  });

  it("an unanswered request: the operation times out, the connection is closed, and the retry completes", async () => {
    server.setFaults(faultOn("STAT", [3], { kind: "hang", apply: false }));
    const r = await run(500, { requestTimeoutMs: 400 });
    expect(r.report!.status).toBe("completed");
    expect(r.report!.retries).toBe(1);
    expect(r.requests.filter((q) => q.outcome === "fault:hang")).toHaveLength(1);
    expect(r.connections).toBe(4); // the hung one was closed: prepare and delivery steps each connect, one more for the retry
    expect(csvIds((await readExport(server, r.manifest)).files)).toEqual(ids("a", 0, 500));
  });

  it("a slow server (20 ms before every answer) still gets every file, intact", async () => {
    server.setDelay(20);
    const r = await run(3000, { maxRowsPerFile: 1000 });
    expect(r.report!.status).toBe("completed");
    expect(r.report!.retries).toBe(0);
    expect(csvIds((await readExport(server, r.manifest)).files)).toEqual(ids("a", 0, 3000));
  });

  it("a RENAME that always fails: retried up to the limit, then the audience fails and its manifest never goes up", async () => {
    server.setFaults(faultOn("RENAME", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { kind: "failure", apply: false }));
    const r = await run(500, {});
    expect(r.report!.status).not.toBe("completed");
    expect(await server.files(r.dir)).not.toContain(r.manifest);
    expect(leaked(r.output)).toEqual([]);
  });
});
