import { describe, expect, it } from "vitest";
import { buildSnapshot } from "@abm-kit/core";
import { activate, defineDestination, MemoryStateStore } from "@abm-kit/destinations";
import { z } from "zod";
import { startFaultServer, type ServiceRequest, type ServiceResponse } from "@abm-kit/destinations/testing";

const NOW = "2026-12-01T09:00:00.000Z";
const snapshot = buildSnapshot({ persons: Array.from({ length: 6 }, (_, i) => ({ id: `p${i}`, email: `p${i}@acme.com` })) }, { asOf: NOW });

/** A service whose n-th session lasts `sessionRequests[n]` API requests (the last one for the rest); it keeps the members it was sent. */
function service(sessionRequests: readonly number[]) {
  const sessions = new Map<string, number>();
  const members = new Set<string>();
  let issued = 0;
  const handle = (r: ServiceRequest): ServiceResponse => {
    if (r.path === "/token") {
      const token = `token-${++issued}`;
      sessions.set(token, sessionRequests[Math.min(issued, sessionRequests.length) - 1]!);
      return { status: 200, body: { access_token: token } };
    }
    const token = (r.headers.authorization ?? "").replace(/^Bearer /, "");
    const left = sessions.get(token) ?? 0;
    if (left <= 0) return { status: 401, body: { error: "session expired" } };
    sessions.set(token, left - 1);
    if (r.path === "/members") members.add(String((r.body as { id: string }).id));
    return { status: 200, body: {} };
  };
  return { handle, members, issued: () => issued };
}

/** Sends each member with a step before it (three requests per batch of two). */
const stepwise = defineDestination({
  id: "stepwise",
  name: "Stepwise",
  settings: z.object({ url: z.string() }),
  audienceTypes: ["person"],
  identities: ["email"],
  delivery: { kind: "streaming", modes: ["full", "incremental"] },
  limits: { maxBatchSize: 2, maxConcurrency: 1 },
  marketingActions: [],
  mappingTargets: { person: [{ name: "email", identity: "email" }] },
  retry: { maxAttempts: 3, baseDelayMs: 0, maxDelayMs: 0 },
  http: { baseUrl: (s) => s.url },
  sendBatch: async (ctx, batch) => {
    await ctx.request({ method: "POST", path: "/prepare", json: {} });
    for (const m of batch.members) await ctx.request({ method: "POST", path: "/members", json: { id: m.memberId } });
    return batch.members.map((m) => ({ memberId: m.memberId, ok: true as const }));
  },
});
const destination = defineDestination({
  ...stepwise,
  authenticate: async (ctx) => ({
    accessToken: String(((await ctx.request({ method: "POST", path: "/token", auth: false })).body as { access_token: string }).access_token),
  }),
});

async function run(sessionRequests: readonly number[]) {
  const svc = service(sessionRequests);
  const server = await startFaultServer(svc.handle);
  try {
    const report = await activate(
      {
        id: "stepwise",
        destination: { id: "stepwise", settings: { url: server.url } },
        audiences: [{ audienceId: "a" }],
        mapping: { person: [{ source: "person.email", target: "email" }] },
      },
      {
        destination,
        snapshot,
        audiences: [{ audienceId: "a", type: "person", memberIds: ["p0", "p1", "p2", "p3", "p4", "p5"] }],
        now: NOW,
        state: new MemoryStateStore(),
        sleep: async () => {},
      },
    );
    return { report, svc };
  } finally {
    await server.close();
  }
}

describe("an adapter call of several requests whose session expires more than once", () => {
  it("refreshes again when the refreshed token was accepted before it expired", async () => {
    // batch 2 meets the first session's end, then the refreshed session's end after two of its requests worked
    const { report, svc } = await run([4, 2, 100]);
    expect(report.failureCount).toBe(0);
    expect([...svc.members].sort()).toEqual(["p0", "p1", "p2", "p3", "p4", "p5"]);
    expect([report.tokenRefreshes, svc.issued()]).toEqual([2, 3]);
  });

  it("still gives up when a freshly refreshed token is refused at once", async () => {
    const { report, svc } = await run([0]);
    expect(report.failureCount).toBe(6);
    expect(svc.members.size).toBe(0);
    expect(report.failures[0]!.code).toBe("AUTH_FAILED");
  });
});
