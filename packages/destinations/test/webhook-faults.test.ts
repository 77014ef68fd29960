import { describe, expect, it } from "vitest";
import { activate, createActivationEvents, MemoryStateStore, type RunReport } from "@abm-kit/destinations";
import { randomFaultSchedule, seededRandom, startFaultServer, type Fault, type FaultSchedule } from "@abm-kit/destinations/testing";
import { webhookDestination, WebhookService } from "../../../examples/webhook-adapter/index.js";
import { b2bSnapshot, ids, NOW } from "./fixtures/b2b-snapshot.js";
import { CLIENT_SECRET } from "./fixtures/webhook-harness.js";

const snapshot = b2bSnapshot(40, 3); // 120 people
const audience = ids("p", 0, 120).filter((id) => id !== "p0007"); // p0007 has no valid email
const smallBatches = { ...webhookDestination, limits: { ...webhookDestination.limits, maxBatchSize: 13 } };

function plan(endpoint: string, mode: "full" | "incremental" = "incremental") {
  return {
    id: "faults",
    destination: { id: "webhook", settings: { endpoint, clientId: "c1", clientSecret: CLIENT_SECRET, timeoutMs: 120 } },
    audiences: [{ audienceId: "tier-1" }],
    mapping: {
      person: [
        { source: "person.email", target: "email_sha256", transforms: ["sha256Email" as const] },
        { source: "person.lastName", target: "last_name" },
      ],
    },
    mode,
  };
}

async function runSchedule(schedule: FaultSchedule, seed: number) {
  const service = new WebhookService("c1", CLIENT_SECRET);
  const server = await startFaultServer(service.handle, schedule);
  const state = new MemoryStateStore();
  const sleeps: number[] = [];
  const output: string[] = [];
  const reports: RunReport[] = [];
  try {
    for (let run = 0; run < 3; run++) {
      const events = createActivationEvents();
      events.on("batch:retry", (e) => output.push(JSON.stringify(e)));
      events.on("auth:refreshed", (e) => output.push(JSON.stringify(e)));
      const report = await activate(plan(server.url), {
        destination: smallBatches,
        snapshot,
        audiences: [{ audienceId: "tier-1", type: "person", memberIds: audience }],
        now: NOW,
        state,
        events,
        random: seededRandom(seed),
        sleep: async (ms) => {
          sleeps.push(ms);
        },
      });
      reports.push(report);
      output.push(JSON.stringify(report));
      if (report.failureCount === 0) break;
    }
    return { service, sleeps, output: output.join("\n"), reports, log: [...server.log] };
  } finally {
    await server.close();
  }
}

describe("100 randomized fault schedules against the webhook adapter", () => {
  it("end with the service holding exactly the audience, nothing lost, nothing applied twice", async () => {
    let faults = 0;
    let retries = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const { service, reports, output, log } = await runSchedule(randomFaultSchedule(seed, 0.35), seed);
      const failedBefore = reports.slice(0, -1).reduce((n, r) => n + r.failureCount, 0);
      expect(service.membersOf("tier-1"), `seed ${seed}`).toEqual(audience);
      expect(reports.at(-1)!.failureCount, `seed ${seed}`).toBe(0);
      // an add is applied twice only when an earlier run gave up on it after the service had applied it
      expect(service.redundantAdds, `seed ${seed}`).toBeLessThanOrEqual(failedBefore);
      for (const token of [CLIENT_SECRET, ...service.issuedTokens]) expect(output.includes(token), `seed ${seed} leaks a secret`).toBe(false);
      faults += log.filter((e) => e.fault !== undefined).length;
      retries += reports.reduce((n, r) => n + r.retries + r.tokenRefreshes, 0);
    }
    // the schedules really did inject faults, and the runtime really retried them
    expect(faults).toBeGreaterThan(300);
    expect(retries).toBeGreaterThanOrEqual(faults * 0.9);
  });

  it("honours Retry-After: the wait before the retry is at least what the service asked", async () => {
    const schedule: FaultSchedule = (index, request) =>
      request.path.endsWith("/members") && index % 4 === 2 ? ({ kind: "rateLimit", retryAfterSeconds: 7 } satisfies Fault) : undefined;
    const { service, sleeps, reports, log } = await runSchedule(schedule, 1);
    expect(service.membersOf("tier-1")).toEqual(audience);
    const rateLimited = log.filter((e) => e.status === 429).length;
    expect(rateLimited).toBeGreaterThan(0);
    expect(reports[0]!.retries).toBeGreaterThanOrEqual(rateLimited);
    // one wait of at least 7 s per 429 (on a loaded machine a request may also time out, and waits less)
    expect(sleeps.filter((ms) => ms >= 7000).length).toBe(rateLimited);
  });

  it("refreshes an expired token once and carries on", async () => {
    const service = new WebhookService("c1", CLIENT_SECRET);
    let expired = false;
    const server = await startFaultServer(async (request) => {
      // the token expires for real halfway through the run
      if (!expired && request.path.endsWith("/members") && service.membersOf("tier-1").length > 50) {
        expired = true;
        service.expireTokens();
      }
      return service.handle(request);
    });
    try {
      const report = await activate(plan(server.url), {
        destination: smallBatches,
        snapshot,
        audiences: [{ audienceId: "tier-1", type: "person", memberIds: audience }],
        now: NOW,
        state: new MemoryStateStore(),
        sleep: async () => {},
      });
      expect(report.tokenRefreshes).toBe(1);
      expect(service.issuedTokens).toHaveLength(2);
      expect(service.membersOf("tier-1")).toEqual(audience);
    } finally {
      await server.close();
    }
  });
});
