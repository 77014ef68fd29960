import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activate, MemoryStateStore } from "@abm-kit/destinations";
import type { Fault } from "@abm-kit/destinations/testing";
import { gcsDestination } from "@abm-kit/destination-gcs";
import { noGcsFaults, startGcsServer, type GcsOperation, type GcsTestServer } from "@abm-kit/destination-gcs/testing";
import { accountPlan, csvIds, fixtureSnapshot, ids, membership, NOW, readExport } from "./fixtures/audience-fixture.js";

const KiB = 1024;
const MEMBERS = 3000;
const snapshot = fixtureSnapshot(MEMBERS);
let server: GcsTestServer;
beforeAll(async () => {
  server = await startGcsServer();
});
afterAll(async () => {
  await server.close();
});

/** A fault on the `nth` (1-based) request of `operation`. */
function faultOn(operation: GcsOperation, nth: number, fault: Fault) {
  let seen = 0;
  const decided = new Map<number, Fault | undefined>();
  return (index: number, request: { operation: GcsOperation }) => {
    if (!decided.has(index)) decided.set(index, request.operation === operation && ++seen === nth ? fault : undefined);
    return decided.get(index);
  };
}

async function exportWith(keyPrefix: string, extra: Record<string, unknown> = {}) {
  const settings = {
    ...server.settings(),
    keyPrefix,
    stagingDirectory: await mkdtemp(join(tmpdir(), "abm-gcs-faults-")),
    maxRetries: 0,
    requestTimeoutMs: 1000,
    resumableThresholdBytes: 0,
    chunkSizeBytes: 256 * KiB,
    ...extra,
  };
  const before = server.requests.length;
  const report = await activate(accountPlan(settings, "full", 200), {
    destination: gcsDestination,
    snapshot,
    audiences: [membership(ids("a", 0, MEMBERS))],
    now: NOW,
    state: new MemoryStateStore(),
    sleep: async () => {},
  });
  server.setFaults(noGcsFaults);
  const requests = server.requests.slice(before);
  const name = `${keyPrefix}gcs_tier-1_20261120_120000`;
  return { report, requests, name };
}

describe("faults during a resumable upload (the second 256 KiB chunk)", () => {
  const cases: [string, Fault, number][] = [
    // [label, fault, offset the resumed upload continues from]
    ["a connection reset after the server stored the chunk", { kind: "reset", apply: true }, 512 * KiB],
    ["a connection reset before the server stored it", { kind: "reset", apply: false }, 256 * KiB],
    ["a 503 after the server stored the chunk", { kind: "serverError", status: 503, apply: true }, 512 * KiB],
    ["a 503 before", { kind: "serverError", status: 503, apply: false }, 256 * KiB],
    ["a 429", { kind: "rateLimit", retryAfterSeconds: 1 }, 256 * KiB],
    ["a timeout after the server stored the chunk", { kind: "timeout", apply: true }, 512 * KiB],
    ["an unreadable answer after the server stored the chunk", { kind: "malformed", apply: true }, 512 * KiB],
  ];
  for (const [label, fault, resumeAt] of cases) {
    it(`${label}: the upload asks the session how much it holds and sends only the rest; one session, the object matches the manifest`, async () => {
      const prefix = `chunk-${fault.kind}-${"apply" in fault ? fault.apply : "x"}-${"status" in fault ? fault.status : ""}/`;
      server.setFaults(faultOn("resumable.chunk", 2, fault));
      const { report, requests, name } = await exportWith(prefix);
      expect(report.status).toBe("completed");
      expect(report.retries).toBeGreaterThanOrEqual(1);
      const csv = `${name}.csv`;
      // one session for the data file: the retry resumed it instead of starting over
      expect(requests.filter((r) => r.operation === "resumable.initiate" && r.object === csv).length).toBe(1);
      const chunks = requests.filter((r) => r.operation === "resumable.chunk" && r.contentRange !== undefined && !r.contentRange.startsWith("bytes */"));
      const statusQueries = requests.filter((r) => r.contentRange?.startsWith("bytes */"));
      expect(statusQueries.length).toBeGreaterThanOrEqual(1);
      const afterFault = chunks.findIndex((c) => c.fault !== undefined) + 1;
      expect(chunks[afterFault]!.contentRange).toMatch(new RegExp(`^bytes ${resumeAt}-`));
      expect(csvIds(readExport(server, `${name}.manifest.json`).files)).toEqual(ids("a", 0, MEMBERS));
    });
  }

  it("an expired token: the upload is refused with GCS's 401, a new token is fetched with a fresh signed assertion, and the export completes", async () => {
    let expired = false;
    server.setFaults((_i, request) => {
      if (!expired && request.operation === "objects.get") {
        expired = true;
        server.expireTokens();
      }
      return undefined;
    });
    const { report, requests, name } = await exportWith("expired/");
    expect(report.status).toBe("completed");
    expect(report.tokenRefreshes).toBe(1);
    expect(requests.filter((r) => r.status === 401).length).toBe(1);
    expect(requests.filter((r) => r.operation === "token").length).toBe(2);
    readExport(server, `${name}.manifest.json`);
  });

  it("a 503 while starting the session and a reset after the multipart insert of the manifest are retried; one object each", async () => {
    let starts = 0;
    let manifests = 0;
    server.setFaults((_i, request) => {
      if (request.operation === "resumable.initiate" && ++starts === 1) return { kind: "serverError", status: 503, apply: false };
      if (request.operation === "insert.multipart" && request.object?.endsWith(".manifest.json") && ++manifests === 1) return { kind: "reset", apply: true };
      return undefined;
    });
    const { report, name } = await exportWith("initiate/", { resumableThresholdBytes: 64 * KiB });
    expect(report.status).toBe("completed");
    expect(server.objects("initiate/").map((o) => o.name)).toEqual([`${name}.csv`, `${name}.manifest.json`]);
    readExport(server, `${name}.manifest.json`);
  });
});

describe("request counts without faults", () => {
  it("a file of N bytes takes one session and ⌈N / chunk⌉ chunks; a file under the threshold one multipart request; plus one token request", async () => {
    const { report, requests, name } = await exportWith("counts/", { chunkSizeBytes: 512 * KiB, resumableThresholdBytes: 64 * KiB });
    expect(report.status).toBe("completed");
    const data = server.read(`${name}.csv`);
    const manifest = server.read(`${name}.manifest.json`);
    expect(data.length).toBeGreaterThan(512 * KiB);
    expect(manifest.length).toBeLessThan(64 * KiB);
    const count = (op: GcsOperation) => requests.filter((r) => r.operation === op).length;
    expect(count("token")).toBe(1);
    expect(count("resumable.initiate")).toBe(1);
    expect(count("resumable.chunk")).toBe(Math.ceil(data.length / (512 * KiB)));
    // the manifest and the export's journal marker
    expect(count("insert.multipart")).toBe(2);
  });
});
