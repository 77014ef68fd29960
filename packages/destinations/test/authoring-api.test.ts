import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import {
  activate,
  ActionRequiredError,
  defineDestination,
  MemoryStateStore,
  secret,
  StopRunError,
  type ActivationPlanInput,
  type BatchAudienceRef,
} from "@abm-kit/destinations";
import { z } from "zod";
import { b2bSnapshot, ids, NOW } from "./fixtures/b2b-snapshot.js";

interface Seen {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage["headers"];
  body: string;
}

type Handler = (req: Seen) => { status: number; body?: unknown; headers?: Record<string, string> };

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A local HTTP service on 127.0.0.1 that records every request. */
async function serve(handler: Handler): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const entry: Seen = { method: req.method ?? "", path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body };
      seen.push(entry);
      const answer = handler(entry);
      res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      res.end(answer.body === undefined ? "" : typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body));
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const TOKEN = "tok-7c1d2e3f4a5b6c7d";
const SECRET = "client-secret-0a9b8c7d6e";
const snapshot = b2bSnapshot(10, 3);

/** A small HTTP destination written against the new API. */
function httpDestination(options: { refs?: BatchAudienceRef[] } = {}) {
  return defineDestination({
    id: "tiny",
    name: "Tiny",
    settings: z.object({
      baseUrl: z.url(),
      clientSecret: secret(z.string().min(8)),
      batchSize: z.number().int().positive().default(1000),
      apiVersion: z.string().default("v1"),
    }),
    audienceTypes: ["person"],
    identities: ["sha256Email", "tiny:customerNumber"],
    delivery: { kind: "streaming", modes: ["full", "incremental"] },
    limits: { maxBatchSize: 1000 },
    limitsFromSettings: (settings) => ({ maxBatchSize: settings.batchSize }),
    marketingActions: ["crossSiteTargeting"],
    mappingTargets: { person: [{ name: "email_sha256", identity: "sha256Email", required: true }] },
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
    http: {
      baseUrl: (s) => s.baseUrl,
      headers: (s) => ({ "api-version": s.apiVersion }),
      rateLimitWaitMs: () => 4321,
      classify: (response) => {
        const body = response.body as { error?: string } | undefined;
        if (body?.error === "invalid_grant") return new ActionRequiredError("REAUTHORIZE", "authorise the app again", { setting: "clientSecret" });
        if (body?.error === "stop") return new StopRunError("STOPPED_BY_SERVICE", "the service asked to stop");
        return undefined;
      },
    },
    authenticate: async (ctx) => {
      const answer = await ctx.request({
        method: "POST",
        path: "/oauth/token",
        form: { grant_type: "client_credentials", client_secret: ctx.settings.clientSecret },
        auth: false,
      });
      return { accessToken: (answer.body as { access_token: string }).access_token };
    },
    ensureAudience: async (ctx, audience, known) => {
      if (known !== undefined) {
        const found = await ctx.request({ method: "GET", path: `/lists/${known}`, accept: [404] });
        if (found.status !== 404) return { externalId: known };
      }
      await ctx.request({ method: "POST", path: "/lists", json: { name: audience.audienceName } });
      return { externalId: "list-1", created: true, readyAfterMs: 5 };
    },
    sendBatch: async (ctx, batch) => {
      options.refs?.push(batch.audienceRef);
      await ctx.request({
        method: "POST",
        path: `/lists/${batch.externalId}/members`,
        query: { action: batch.action, dry: undefined },
        json: { keys: batch.members.map((m) => m.fields.email_sha256) },
      });
      return batch.members.map((m) => ({ memberId: m.memberId, ok: true as const }));
    },
    describeAudience: async (ctx, ref) => {
      const answer = await ctx.request({ method: "GET", path: `/lists/${ref.externalId}` });
      const body = answer.body as { status: string; matched: number };
      return { status: body.status, matchedCount: body.matched, warnings: body.matched < 300 ? [`${body.matched} matched, below 300`] : [] };
    },
  });
}

function plan(baseUrl: string, extra: Record<string, unknown> = {}): ActivationPlanInput {
  return {
    id: "tiny-plan",
    destination: { id: "tiny", settings: { baseUrl, clientSecret: SECRET, ...extra } },
    audiences: [{ audienceId: "tier-1" }],
    mapping: { person: [{ source: "person.email", target: "email_sha256", transforms: ["sha256Email"] }] },
  };
}

const members = ids("p", 0, 25).filter((id) => id !== "p0007");
const audiences = [{ audienceId: "tier-1", audienceName: "Tier 1", type: "person" as const, memberIds: members }];

/** A service: token, lists, members; `faults` answers chosen requests differently. */
function service(faults: (req: Seen, n: number) => ReturnType<Handler> | undefined = () => undefined): Handler {
  let n = 0;
  const lists = new Set<string>();
  return (req) => {
    const fault = faults(req, n++);
    if (fault !== undefined) return fault;
    if (req.path === "/oauth/token") return { status: 200, body: { access_token: TOKEN } };
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return { status: 401, body: { error: "unauthorized" } };
    if (req.method === "POST" && req.path === "/lists") {
      lists.add("list-1");
      return { status: 201, body: {} };
    }
    if (req.method === "GET" && req.path.startsWith("/lists/"))
      return lists.has(req.path.slice(7)) ? { status: 200, body: { status: "BUILDING", matched: 12 } } : { status: 404 };
    return { status: 200, body: { ok: true } };
  };
}

describe("ctx.request", () => {
  it("carries base URL, auth header, default headers, form and JSON bodies and query; report.requests counts each HTTP request", async () => {
    const { url, seen } = await serve(service());
    const refs: BatchAudienceRef[] = [];
    const report = await activate(plan(url, { batchSize: 10 }), {
      destination: httpDestination({ refs }),
      snapshot,
      audiences,
      now: NOW,
      state: new MemoryStateStore(),
      sleep: async () => {},
    });
    expect(report.status).toBe("completed");
    expect(report.requests).toBe(seen.length);
    const token = seen[0]!;
    expect(token.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(new URLSearchParams(token.body).get("client_secret")).toBe(SECRET);
    expect(token.headers.authorization).toBeUndefined();
    const batches = seen.filter((r) => r.path === "/lists/list-1/members");
    // limits from settings: 24 members in batches of 10
    expect(batches.map((b) => (JSON.parse(b.body) as { keys: unknown[] }).keys.length)).toEqual([10, 10, 4]);
    for (const b of batches) {
      expect(b.query).toEqual({ action: "add" });
      expect(b.headers["api-version"]).toBe("v1");
      expect(b.headers["content-type"]).toBe("application/json");
      expect(b.headers.authorization).toBe(`Bearer ${TOKEN}`);
    }
    // the batch knows the audience was just created
    expect(refs.map((r) => [r.externalId, r.created, typeof r.ensuredAtMs])).toEqual(Array(3).fill(["list-1", true, "number"]));
    // describeAudience: the destination's own figures and warnings are in the audience report
    expect(report.audiences[0]!.destination).toEqual({ status: "BUILDING", matchedCount: 12 });
    expect(report.audiences[0]!.warnings).toContain("12 matched, below 300");
  });

  it("waits the declared time on a 429 without Retry-After, honours Retry-After when given, and counts the retried requests", async () => {
    let batchCalls = 0;
    const { url, seen } = await serve(
      service((req) => {
        if (!req.path.endsWith("/members")) return undefined;
        batchCalls++;
        if (batchCalls === 1) return { status: 429, body: {} };
        if (batchCalls === 2) return { status: 429, body: {}, headers: { "retry-after": "2" } };
        return undefined;
      }),
    );
    const waits: number[] = [];
    const report = await activate(plan(url), {
      destination: httpDestination(),
      snapshot,
      audiences,
      now: NOW,
      state: new MemoryStateStore(),
      sleep: async (ms) => void waits.push(ms),
      random: () => 0.5,
    });
    expect(report.status).toBe("completed");
    expect(waits).toContain(4321);
    expect(waits).toContain(2000);
    expect(report.retries).toBe(2);
    expect(report.requests).toBe(seen.length);
  });

  it("without an http declaration ctx.request fails with a TerminalError the audience report names", async () => {
    const plain = defineDestination({ ...httpDestination(), http: undefined });
    const { url } = await serve(service());
    const report = await activate(plan(url), { destination: plain, snapshot, audiences, now: NOW, state: new MemoryStateStore() });
    expect(report.audiences[0]!.warnings.join(" ")).toMatch(/declares no http/);
    expect(report.totals.exported).toBe(0);
  });
});

describe("StopRunError / ActionRequiredError", () => {
  it("end the run with status actionRequired, the partial report on the error, the message in its warnings; the next run resumes", async () => {
    let refuse = true;
    let batchCalls = 0;
    const { url } = await serve(
      service((req) => {
        if (!req.path.endsWith("/members")) return undefined;
        batchCalls++;
        return refuse && batchCalls === 2 ? { status: 400, body: { error: "invalid_grant" } } : undefined;
      }),
    );
    const state = new MemoryStateStore();
    const options = { destination: httpDestination(), snapshot, audiences, now: NOW, state, sleep: async () => {} };
    const error = await activate(plan(url, { batchSize: 10 }), options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionRequiredError);
    const stopped = error as ActionRequiredError;
    expect(stopped.code).toBe("REAUTHORIZE");
    expect(stopped.setting).toBe("clientSecret");
    expect(stopped.report?.status).toBe("actionRequired");
    expect(stopped.report?.warnings).toContain("authorise the app again");
    expect(stopped.report?.audiences[0]?.exported).toBe(10);
    refuse = false;
    const resumed = await activate(plan(url, { batchSize: 10 }), options);
    expect(resumed.status).toBe("completed");
    // the first batch is not sent again: 10 + 10 + 4 members over both runs
    expect(resumed.audiences[0]!.exported).toBe(14);
  });

  it("a plain StopRunError gives status stopped", async () => {
    const { url } = await serve(service((req) => (req.path.endsWith("/members") ? { status: 200, body: { error: "stop" } } : undefined)));
    const error = await activate(plan(url), { destination: httpDestination(), snapshot, audiences, now: NOW, state: new MemoryStateStore() }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StopRunError);
    expect((error as StopRunError).report?.status).toBe("stopped");
  });
});

describe("identity kinds", () => {
  it("accept an adapter's own <destination id>:<name> kind and reject a malformed one naming it", () => {
    expect(httpDestination().identities).toContain("tiny:customerNumber");
    const bad = () => defineDestination({ ...httpDestination(), identities: ["customer number" as "tiny:x"] });
    expect(bad).toThrow(/identities/);
  });
});

describe("limits from settings", () => {
  it("a settings limit that is not a limit raises a ValidationError before any request", async () => {
    const { url, seen } = await serve(service());
    await expect(
      activate(plan(url, { batchSize: 10 }), {
        destination: defineDestination({ ...httpDestination(), limitsFromSettings: () => ({ maxBatchSize: -1 }) }),
        snapshot,
        audiences,
        now: NOW,
        state: new MemoryStateStore(),
      }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    expect(seen).toEqual([]);
  });
});

describe("size limits", () => {
  it("are checked by guardrails' destinationLimitFindings during a run: an audience below the minimum gets its warning", async () => {
    const { url } = await serve(service());
    const destination = defineDestination({ ...httpDestination(), limits: { maxBatchSize: 1000, minAudienceSize: 300 } });
    const report = await activate(plan(url), { destination, snapshot, audiences, now: NOW, state: new MemoryStateStore() });
    expect(report.audiences[0]!.warnings).toContain('audience "tier-1" has 24 members to send; destination tiny needs at least 300');
  });
});
