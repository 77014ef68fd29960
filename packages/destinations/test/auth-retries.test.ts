import { describe, expect, it } from "vitest";
import { activate, defineDestination, MemoryStateStore, type ActivationPlanInput } from "@abm-kit/destinations";
import { startFaultServer, type Fault, type FaultSchedule } from "@abm-kit/destinations/testing";
import { webhookDestination, WebhookService } from "../../../examples/webhook-adapter/index.js";
import { b2bSnapshot, ids, NOW } from "./fixtures/b2b-snapshot.js";
import { API_KEY, MemoryService, memoryDestination } from "./fixtures/memory-destination.js";
import { CLIENT_SECRET } from "./fixtures/webhook-harness.js";

const snapshot = b2bSnapshot(40, 3);
const audience = ids("p", 0, 120).filter((id) => id !== "p0007");
const smallBatches = { ...webhookDestination, limits: { ...webhookDestination.limits, maxBatchSize: 10, maxConcurrency: 1 } };

function plan(endpoint: string): ActivationPlanInput {
  return {
    id: "auth",
    destination: { id: "webhook", settings: { endpoint, clientId: "c1", clientSecret: CLIENT_SECRET, timeoutMs: 150 } },
    audiences: [{ audienceId: "tier-1" }],
    mapping: { person: [{ source: "person.email", target: "email_sha256", transforms: ["sha256Email"] }] },
  };
}

/** Faults by the order of requests to a path: `token` for token requests, `members` for member batches, `audience` for find-or-create. */
function byPath(faults: { token?: (Fault | undefined)[]; members?: (Fault | undefined)[]; audience?: (Fault | undefined)[] }): FaultSchedule {
  const seen = { token: 0, members: 0, audience: 0 };
  return (_index, request) => {
    const kind = request.path === "/oauth/token" ? "token" : request.path.endsWith("/members") ? "members" : "audience";
    return faults[kind]?.[seen[kind]++];
  };
}

async function runWith(schedule: FaultSchedule) {
  const service = new WebhookService("c1", CLIENT_SECRET);
  const server = await startFaultServer(service.handle, schedule);
  try {
    const report = await activate(plan(server.url), {
      destination: smallBatches,
      snapshot,
      audiences: [{ audienceId: "tier-1", type: "person", memberIds: audience }],
      now: NOW,
      state: new MemoryStateStore(),
      sleep: async () => {},
    });
    return { report, service, log: server.log };
  } finally {
    await server.close();
  }
}

describe("token requests are retried like any call", () => {
  it("a 503 from the token endpoint during a refresh does not fail the batch", async () => {
    const { report, service } = await runWith(
      byPath({ members: [undefined, undefined, { kind: "expiredToken" }], token: [undefined, { kind: "serverError", status: 503, apply: false }] }),
    );
    expect(report.failureCount).toBe(0);
    expect(report.tokenRefreshes).toBe(1);
    expect(report.retries).toBeGreaterThanOrEqual(1);
    expect(service.membersOf("tier-1")).toEqual(audience);
  });

  it("timeouts and resets of the refresh (after the service issued a token) are retried", async () => {
    const { report, service } = await runWith(
      byPath({
        members: [undefined, { kind: "expiredToken" }],
        token: [undefined, { kind: "timeout", apply: true }, { kind: "reset", apply: true }, { kind: "malformed", apply: false }],
      }),
    );
    expect(report.failureCount).toBe(0);
    expect(report.retries).toBeGreaterThanOrEqual(3);
    expect(service.membersOf("tier-1")).toEqual(audience);
  });

  it("a refresh after find-or-create was refused as unauthenticated survives a reset", async () => {
    const { report, service } = await runWith(byPath({ audience: [{ kind: "expiredToken" }], token: [undefined, { kind: "reset", apply: false }] }));
    expect(report.failureCount).toBe(0);
    expect(report.audiences[0]!.warnings).toEqual([]);
    expect(service.membersOf("tier-1")).toEqual(audience);
  });

  it("the first authentication is retried too", async () => {
    const { report, service } = await runWith(
      byPath({
        token: [
          { kind: "serverError", status: 502, apply: false },
          { kind: "rateLimit", retryAfterSeconds: 2 },
          { kind: "timeout", apply: true },
        ],
      }),
    );
    expect(report.failureCount).toBe(0);
    expect(report.retries).toBeGreaterThanOrEqual(3);
    expect(service.membersOf("tier-1")).toEqual(audience);
  });

  it("concurrent first calls authenticate once", async () => {
    let authentications = 0;
    const destination = defineDestination({
      ...memoryDestination(new MemoryService(), {}, { maxBatchSize: 5, maxConcurrency: 4 }),
      authenticate: async (ctx) => {
        authentications++;
        await ctx.sleep(1);
        return { accessToken: `token-${authentications}-abcdefgh` };
      },
      ensureAudience: undefined,
    });
    const report = await activate(
      {
        id: "p",
        destination: { id: "memory", settings: { apiKey: API_KEY } },
        audiences: [{ audienceId: "a" }],
        mapping: { person: [{ source: "person.email", target: "email_sha256", transforms: ["sha256Email"] }] },
      },
      {
        destination,
        snapshot,
        audiences: [{ audienceId: "a", type: "person", memberIds: ids("p", 0, 40) }],
        now: NOW,
        state: new MemoryStateStore(),
        sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      },
    );
    expect(report.failureCount).toBe(0);
    expect(authentications).toBe(1);
  });
});
