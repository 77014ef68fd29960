import { describe, expect, it } from "vitest";
import { activate, defineDestination, MemoryStateStore, secret } from "@abm-kit/destinations";
import { z } from "zod";
import { startFaultServer, type FaultSchedule } from "@abm-kit/destinations/testing";
import { b2bSnapshot, ids, NOW } from "./fixtures/b2b-snapshot.js";

const snapshot = b2bSnapshot(20, 2);
const audience = ids("p", 0, 40).filter((id) => id !== "p0007");

/** A service whose member batches take three requests (look up, change, confirm), each with the bearer token. */
function service() {
  const held = new Set<string>();
  let tokens = 0;
  const handle = (request: { path: string; body: unknown }) => {
    if (request.path === "/token") return { status: 200, body: { access_token: `token-${++tokens}-abcdefgh` } };
    if (request.path === "/change") for (const id of (request.body as { ids: string[] }).ids) held.add(id);
    return { status: 200, body: { ok: true } };
  };
  return { held, handle, tokens: () => tokens };
}

function destination() {
  return defineDestination({
    id: "three-step",
    name: "Three-step",
    settings: z.object({ url: z.string(), key: secret(z.string()) }),
    audienceTypes: ["person"],
    identities: ["email"],
    delivery: { kind: "streaming", modes: ["incremental"] },
    limits: { maxBatchSize: 5 },
    marketingActions: [],
    mappingTargets: { person: [{ name: "email", identity: "email", required: true }] },
    retry: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 2 },
    http: { baseUrl: (s) => s.url },
    authenticate: async (ctx) => {
      const answer = await ctx.request({ method: "POST", path: "/token", json: { key: ctx.settings.key }, auth: false });
      return { accessToken: (answer.body as { access_token: string }).access_token };
    },
    sendBatch: async (ctx, batch) => {
      await ctx.request({ method: "POST", path: "/lookup", json: {} });
      await ctx.request({ method: "POST", path: "/change", json: { ids: batch.members.map((m) => m.memberId) } });
      await ctx.request({ method: "POST", path: "/confirm", json: {} });
      return batch.members.map((m) => ({ memberId: m.memberId, ok: true as const }));
    },
  });
}

async function run(schedule: FaultSchedule) {
  const s = service();
  const server = await startFaultServer(s.handle, schedule);
  try {
    const report = await activate(
      {
        id: "three",
        destination: { id: "three-step", settings: { url: server.url, key: "key-123456789" } },
        audiences: [{ audienceId: "a" }],
        mapping: { person: [{ source: "person.email", target: "email" }] },
      },
      {
        destination: destination(),
        snapshot,
        audiences: [{ audienceId: "a", type: "person", memberIds: audience }],
        now: NOW,
        state: new MemoryStateStore(),
        sleep: async () => {},
      },
    );
    return { report, held: [...s.held].sort(), tokens: s.tokens() };
  } finally {
    await server.close();
  }
}

describe("a refreshed token that worked and is rejected later", () => {
  it("is refreshed again: a call of several requests survives a rejection after its first refresh", async () => {
    // a batch's second request is refused, then, after the refresh, its second request again (the first one worked)
    const refused = new Set([1, 3, 8, 10]);
    let other = 0;
    const { report, held } = await run((_i, r) => (r.path !== "/token" && refused.has(other++) ? { kind: "expiredToken" } : undefined));
    expect(report.failures).toEqual([]);
    expect(held).toEqual(audience);
    expect(report.tokenRefreshes).toBe(4);
  });

  it("a freshly refreshed token that never works still fails the batch, without looping", async () => {
    const { report, tokens } = await run((_i, r) => (r.path === "/lookup" ? { kind: "expiredToken" } : undefined));
    expect(report.failureCount).toBe(audience.length);
    expect(report.failures[0]!.code).toBe("AUTH_FAILED");
    expect(tokens).toBeLessThan(20);
  });

  it("a token that works once per refresh and is then refused stops after the retry policy's attempts", async () => {
    let sinceToken = 0;
    const { report } = await run((_i, r) => {
      if (r.path === "/token") sinceToken = 0;
      else if (sinceToken++ >= 1) return { kind: "expiredToken" };
      return undefined;
    });
    expect(report.failureCount).toBe(audience.length);
    expect(report.failures[0]!.code).toBe("AUTH_FAILED");
  });
});
