import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { activate, createActivationEvents, MemoryStateStore, type RunReport } from "@abm-kit/destinations";
import { s3Destination } from "@abm-kit/destination-s3";
import { noS3Faults, startS3Server, type S3TestServer } from "@abm-kit/destination-s3/testing";
import { accountPlan, csvIds, fixtureSnapshot, ids, membership, NOW, readExport } from "./fixtures/audience-fixture.js";
import { allOf, faultOn } from "./fixtures/fault-plans.js";

const MiB = 1024 * 1024;
const snapshot = fixtureSnapshot(40_000);
let server: S3TestServer;
let prefixCounter = 0;
beforeAll(async () => {
  server = await startS3Server();
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  server.setFaults(noS3Faults);
});

/** Runs a full export of `members` accounts with `padding` bytes a row; returns the report, every event and the new requests. */
async function run(members: number, settingsExtra: Record<string, unknown> = {}, padding = 0) {
  const keyPrefix = `faults-${++prefixCounter}/`;
  const settings = {
    ...server.settings(),
    keyPrefix,
    stagingDirectory: await mkdtemp(join(tmpdir(), "abm-s3-faults-")),
    multipartThresholdBytes: 5 * MiB,
    partSizeBytes: 5 * MiB,
    maxAttempts: 1, // every fault reaches the runtime's retry
    requestTimeoutMs: 15_000, // generous: only the timeout test waits for one
    ...settingsExtra,
  };
  const events = createActivationEvents();
  const output: string[] = [];
  for (const name of ["run:start", "audience:delta", "batch:retry", "auth:refreshed", "checkpoint", "file:written", "run:end"] as const) {
    events.on(name, (payload: unknown) => output.push(JSON.stringify(payload)));
  }
  const before = server.requests.length;
  let report: RunReport | undefined;
  let error: unknown;
  try {
    report = await activate(accountPlan(settings, "full", padding), {
      destination: s3Destination,
      snapshot,
      audiences: [membership(ids("a", 0, members))],
      now: NOW,
      state: new MemoryStateStore(),
      events,
      sleep: async () => {},
    });
    output.push(JSON.stringify(report));
  } catch (e) {
    error = e;
    output.push(JSON.stringify(e, Object.getOwnPropertyNames(e)));
  }
  const requests = server.requests.slice(before);
  const count = (operation: string, status?: number) =>
    requests.filter((r) => r.operation === operation && (status === undefined || r.status === status)).length;
  return { report, error, output: output.join("\n"), requests, count, keyPrefix, manifestKey: `${keyPrefix}s3_tier-1_20261120_120000.manifest.json` };
}

/** Secrets the server issued that appear in `text`. */
const leaked = (text: string) => server.secrets().filter((s) => text.includes(s));

describe("S3 destination under faults", () => {
  it("503 SlowDown on parts: the failed multipart upload is aborted and the file sent again; no orphaned parts", async () => {
    server.setFaults(faultOn("UploadPart", [2, 5], { kind: "slowDown" }));
    const r = await run(40_000, {}, 400);
    expect(r.report!.status).toBe("completed");
    expect(r.report!.retries).toBe(2);
    expect(r.count("UploadPart", 503)).toBe(2);
    expect(r.count("AbortMultipartUpload", 204)).toBeGreaterThanOrEqual(2);
    expect(r.count("CompleteMultipartUpload", 200)).toBe(1);
    expect(csvIds((await readExport(server, r.manifestKey)).files)).toEqual(ids("a", 0, 40_000));
    expect(await server.multipartUploads()).toEqual([]);
    expect(leaked(r.output)).toEqual([]);
  });

  it("a reset mid-part is retried by the SDK for that part alone when maxAttempts allows", async () => {
    server.setFaults(faultOn("UploadPart", [2], { kind: "reset", apply: false }));
    const r = await run(40_000, { maxAttempts: 3 }, 400);
    expect(r.report!.status).toBe("completed");
    expect(r.report!.retries).toBe(0);
    expect(r.count("CreateMultipartUpload")).toBe(1);
    const parts = r.requests.filter((q) => q.operation === "UploadPart");
    expect(parts.filter((q) => q.status === 200).length + 1).toBe(parts.length); // one part sent twice
    expect(parts.find((q) => q.fault !== undefined)!.bytes).toBeLessThan(5 * MiB); // cut off mid-body
    expect(csvIds((await readExport(server, r.manifestKey)).files)).toEqual(ids("a", 0, 40_000));
    expect(await server.multipartUploads()).toEqual([]);
  });

  it("a 500 after CompleteMultipartUpload applied: the retry finds the object in place and does not upload it again", async () => {
    server.setFaults(faultOn("CompleteMultipartUpload", [1], { kind: "serverError", status: 500, apply: true }));
    const r = await run(40_000, {}, 400);
    expect(r.report!.status).toBe("completed");
    expect(r.report!.retries).toBe(1);
    expect(r.count("CreateMultipartUpload")).toBe(1);
    expect(r.count("CompleteMultipartUpload")).toBe(1);
    expect((await server.objects(r.keyPrefix)).map((o) => o.key)).toEqual([`${r.keyPrefix}s3_tier-1_20261120_120000.csv`, r.manifestKey]);
    await readExport(server, r.manifestKey);
  });

  it("when aborting the failed upload fails too, the leftover upload is found and aborted", async () => {
    server.setFaults(
      allOf(
        faultOn("UploadPart", [3], { kind: "serverError", status: 503, apply: false }),
        faultOn("AbortMultipartUpload", [1], { kind: "serverError", status: 500, apply: false }),
      ),
    );
    const r = await run(40_000, {}, 400);
    expect(r.report!.status).toBe("completed");
    expect(r.count("ListMultipartUploads")).toBeGreaterThanOrEqual(2);
    expect(await server.multipartUploads()).toEqual([]);
    await readExport(server, r.manifestKey);
  });

  it("a 200 with a cut-off body that never stored the object is caught by the check after upload and sent again", async () => {
    // the first PutObject is the export's journal marker; the second the data file
    server.setFaults(faultOn("PutObject", [2], { kind: "malformed", apply: false }));
    const r = await run(100);
    expect(r.report!.status).toBe("completed");
    expect(r.report!.retries).toBe(1);
    expect(csvIds((await readExport(server, r.manifestKey)).files)).toEqual(ids("a", 0, 100));
  });

  it("a request that never gets an answer times out and is retried", async () => {
    server.setFaults(faultOn("PutObject", [2], { kind: "timeout", apply: true }));
    const r = await run(100, { requestTimeoutMs: 1000 });
    expect(r.report!.status).toBe("completed");
    expect(r.requests.find((q) => q.operation === "PutObject" && q.fault !== undefined)!.status).toBeUndefined();
    expect(r.report!.retries).toBeGreaterThanOrEqual(1);
    await readExport(server, r.manifestKey);
  });

  it("expired temporary credentials from the default provider chain are refreshed once and the run goes on", async () => {
    const first = server.issueCredentials();
    const second = server.issueCredentials();
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: first.accessKeyId, AWS_SECRET_ACCESS_KEY: first.secretAccessKey, AWS_SESSION_TOKEN: first.sessionToken });
    // After the first file is stored, the first credentials expire and the environment holds new ones.
    server.setFaults(
      faultOn("HeadObject", [2], undefined, () => {
        server.expireCredentials(first.accessKeyId);
        Object.assign(process.env, {
          AWS_ACCESS_KEY_ID: second.accessKeyId,
          AWS_SECRET_ACCESS_KEY: second.secretAccessKey,
          AWS_SESSION_TOKEN: second.sessionToken,
        });
      }),
    );
    try {
      const { credentials: _explicit, ...settings } = server.settings();
      const r = await run(1000, { ...settings, credentials: undefined, maxRowsPerFile: 400 });
      expect(r.report!.audiences[0]!.warnings).toEqual([]);
      expect(r.report!.status).toBe("completed");
      expect(r.report!.tokenRefreshes).toBe(1);
      // the HeadObject refused without a body, then the one-byte GetObject that names the error
      expect(r.requests.filter((q) => q.error === "ExpiredToken").map((q) => q.operation)).toEqual(["HeadObject", "GetObject"]);
      expect(csvIds((await readExport(server, r.manifestKey)).files)).toEqual(ids("a", 0, 1000));
      expect(leaked(r.output)).toEqual([]);
    } finally {
      for (const key of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"]) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    }
  });

  it("explicit credentials that expired fail the audience after one refresh, with no secret in the report", async () => {
    const temporary = server.issueCredentials();
    server.expireCredentials(temporary.accessKeyId);
    const r = await run(100, { credentials: temporary });
    expect(r.report!.status).toBe("completedWithFailures");
    expect(r.report!.tokenRefreshes).toBe(1);
    expect(r.report!.audiences[0]!.warnings.join(" ")).toMatch(/freshly refreshed token/);
    expect(r.report!.audiences[0]!.failed).toBe(100);
    expect(await server.objects(r.keyPrefix)).toEqual([]);
    expect(leaked(r.output)).toEqual([]);
  });

  it("a wrong secret key is refused (403 SignatureDoesNotMatch) without retries, and the secret is not in the report", async () => {
    const r = await run(100, { credentials: { accessKeyId: server.credentials.accessKeyId, secretAccessKey: "not-the-secret-key-0123456789abcdefghijk" } });
    expect(r.report!.status).toBe("completedWithFailures");
    expect(r.report!.retries).toBe(0);
    expect(r.requests.map((q) => q.error)).toContain("SignatureDoesNotMatch");
    expect(r.output).not.toContain("not-the-secret-key-0123456789abcdefghijk");
    expect(leaked(r.output)).toEqual([]);
  });
});
