import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { activate, ActivationError, MemoryStateStore, type ActivationPlanInput } from "@abm-kit/destinations";
import { b2bSnapshot, ids, NOW } from "./fixtures/b2b-snapshot.js";
import { API_KEY, MemoryService, memoryDestination } from "./fixtures/memory-destination.js";

const snapshot = b2bSnapshot(30, 3);
const noWait = async () => {};
const plan = (mode: "full" | "incremental"): ActivationPlanInput => ({
  id: "full",
  destination: { id: "memory", settings: { apiKey: API_KEY } },
  audiences: [{ audienceId: "buyers" }],
  mapping: { person: [{ source: "person.email", target: "email_sha256", transforms: ["sha256Email"] }] },
  mode,
});
const buyers = (memberIds: string[]) => [{ audienceId: "buyers", type: "person" as const, memberIds }];
const valid = (list: string[]) => list.filter((id) => id !== "p0007");

describe("an interrupted full run resumes like an incremental one", () => {
  it("members confirmed before the crash are not re-sent (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 10 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 60 }),
        async (batchSize, concurrency, crashAt, afterApply, before) => {
          const service = new MemoryService();
          const state = new MemoryStateStore();
          const audience = ids("p", 0, 90);
          if (before > 0)
            await activate(plan("full"), {
              destination: memoryDestination(service),
              snapshot,
              audiences: buyers(audience.slice(0, before)),
              now: NOW,
              state,
              sleep: noWait,
            });
          let crashed = false;
          const crash = (_b: unknown, n: number) => {
            if (n !== crashAt) return;
            crashed = true;
            throw new Error("process died");
          };
          const limits = { maxBatchSize: batchSize, maxConcurrency: concurrency };
          const sentBefore = service.addsSent.length;
          const error = await activate(plan("full"), {
            destination: memoryDestination(service, afterApply ? { afterApply: crash } : { beforeApply: crash }, limits),
            snapshot,
            audiences: buyers(audience),
            now: NOW,
            state,
            sleep: noWait,
          }).catch((e: unknown) => e);
          if (crashed) expect(error).toBeInstanceOf(ActivationError);
          const resumed = await activate(plan("full"), {
            destination: memoryDestination(service, {}, limits),
            snapshot,
            audiences: buyers(audience),
            now: NOW,
            state,
            sleep: noWait,
          });
          expect(resumed.failureCount).toBe(0);
          expect(service.membersOf("ext-buyers")).toEqual(valid(audience));
          const counts = new Map<string, number>();
          for (const id of service.addsSent.slice(sentBefore)) counts.set(id, (counts.get(id) ?? 0) + 1);
          const resent = [...counts.values()].filter((c) => c > 1).length;
          if (crashed) expect(resent).toBeLessThanOrEqual(batchSize * concurrency);
          else expect(resumed.totals.exported).toBe(valid(audience).length); // the first run finished: this is a new full run
        },
      ),
      { numRuns: 80 },
    );
  });

  it("a full run after a completed one still sends everyone", async () => {
    const service = new MemoryService();
    const state = new MemoryStateStore();
    const audience = ids("p", 0, 30);
    await activate(plan("full"), { destination: memoryDestination(service), snapshot, audiences: buyers(audience), now: NOW, state, sleep: noWait });
    const second = await activate(plan("full"), {
      destination: memoryDestination(service),
      snapshot,
      audiences: buyers(audience),
      now: NOW,
      state,
      sleep: noWait,
    });
    expect(second.totals.exported).toBe(valid(audience).length);
  });
});
