import { describe, expect, it } from "vitest";
import { activate, ActivationError, MemoryStateStore, type ActivationPlanInput } from "@abm-kit/destinations";
import { startFaultServer } from "@abm-kit/destinations/testing";
import { webhookDestination, WebhookService } from "../../../examples/webhook-adapter/index.js";
import { b2bSnapshot, ids, NOW } from "./fixtures/b2b-snapshot.js";
import { API_KEY, MemoryService, memoryDestination } from "./fixtures/memory-destination.js";
import { CLIENT_SECRET } from "./fixtures/webhook-harness.js";

const snapshot = b2bSnapshot(10, 3);
const noWait = async () => {};

function webhookPlan(endpoint: string): ActivationPlanInput {
  return {
    id: "keys",
    destination: { id: "webhook", settings: { endpoint, clientId: "c1", clientSecret: CLIENT_SECRET } },
    audiences: [{ audienceId: "tier-1" }],
    mapping: { person: [{ source: "person.email", target: "email_sha256", transforms: ["sha256Email"] }] },
  };
}

describe("idempotency keys are unique per intended application", () => {
  it("a member who leaves and comes back is really added and removed again at a service that keeps keys", async () => {
    const service = new WebhookService("c1", CLIENT_SECRET);
    const server = await startFaultServer(service.handle);
    try {
      const state = new MemoryStateStore();
      const run = (memberIds: string[]) =>
        activate(webhookPlan(server.url), {
          destination: webhookDestination,
          snapshot,
          audiences: [{ audienceId: "tier-1", type: "person", memberIds }],
          now: NOW,
          state,
          sleep: noWait,
        });
      await run(["p0001"]);
      expect(service.membersOf("tier-1")).toEqual(["p0001"]);
      await run([]);
      expect(service.membersOf("tier-1")).toEqual([]);
      const back = await run(["p0001"]);
      expect(back.totals.exported).toBe(1);
      expect(service.membersOf("tier-1")).toEqual(["p0001"]);
      const gone = await run([]);
      expect(gone.totals.removed).toBe(1);
      expect(service.membersOf("tier-1")).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it("never sends one key for two different batches, across runs", async () => {
    const service = new MemoryService();
    const state = new MemoryStateStore();
    const destination = memoryDestination(service, {}, { maxBatchSize: 3 });
    const plan = {
      id: "p",
      destination: { id: "memory", settings: { apiKey: API_KEY } },
      audiences: [{ audienceId: "a" }],
      mapping: { person: [{ source: "person.email", target: "email_sha256", transforms: ["sha256Email" as const] }] },
    };
    for (const memberIds of [ids("p", 0, 6), ids("p", 3, 6), ids("p", 0, 6), ids("p", 3, 6), ids("p", 0, 6)]) {
      await activate(plan, { destination, snapshot, audiences: [{ audienceId: "a", type: "person", memberIds }], now: NOW, state, sleep: noWait });
    }
    const keys = service.batches.map((b) => b.idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("a resumed run re-sends the batches in flight under the same key", () => {
  const plan = (mode: "full" | "incremental" = "incremental"): ActivationPlanInput => ({
    id: "p",
    destination: { id: "memory", settings: { apiKey: API_KEY } },
    audiences: [{ audienceId: "a" }],
    mapping: { person: [{ source: "person.email", target: "email_sha256", transforms: ["sha256Email"] }] },
    mode,
  });

  it("re-sends the interrupted batch first, with its key and members", async () => {
    const service = new MemoryService();
    const state = new MemoryStateStore();
    const audience = ids("p", 10, 20);
    const crashing = memoryDestination(
      service,
      {
        afterApply: (_b, n) => {
          if (n === 2) throw new Error("process died");
        },
      },
      { maxBatchSize: 3 },
    );
    await expect(
      activate(plan(), {
        destination: crashing,
        snapshot,
        audiences: [{ audienceId: "a", type: "person", memberIds: audience }],
        now: NOW,
        state,
        sleep: noWait,
      }),
    ).rejects.toBeInstanceOf(ActivationError);
    const interrupted = service.batches[1]!;
    const sentBefore = service.batches.length;
    await activate(plan(), {
      destination: memoryDestination(service, {}, { maxBatchSize: 3 }),
      snapshot,
      audiences: [{ audienceId: "a", type: "person", memberIds: audience }],
      now: NOW,
      state,
      sleep: noWait,
    });
    const resent = service.batches[sentBefore]!;
    expect(resent.idempotencyKey).toBe(interrupted.idempotencyKey);
    expect(resent.members).toEqual(interrupted.members);
    expect(service.membersOf("ext-a")).toEqual(audience);
    // later batches of the resumed run get keys of their own
    const later = service.batches.slice(sentBefore + 1).map((b) => b.idempotencyKey);
    expect(later.length).toBeGreaterThan(0);
    expect(later).not.toContain(interrupted.idempotencyKey);
  });

  it("removes a member whose add was in flight when the run died and who left before the resume", async () => {
    const service = new MemoryService();
    const state = new MemoryStateStore();
    const crashing = memoryDestination(
      service,
      {
        afterApply: () => {
          throw new Error("process died");
        },
      },
      { maxBatchSize: 10 },
    );
    await expect(
      activate(plan(), {
        destination: crashing,
        snapshot,
        audiences: [{ audienceId: "a", type: "person", memberIds: ["p0001", "p0002"] }],
        now: NOW,
        state,
        sleep: noWait,
      }),
    ).rejects.toBeInstanceOf(ActivationError);
    expect(service.membersOf("ext-a")).toEqual(["p0001", "p0002"]); // applied, but never confirmed
    await activate(plan(), {
      destination: memoryDestination(service),
      snapshot,
      audiences: [{ audienceId: "a", type: "person", memberIds: ["p0002"] }],
      now: NOW,
      state,
      sleep: noWait,
    });
    expect(service.membersOf("ext-a")).toEqual(["p0002"]);
  });
});
