import { describe, expect, it } from "vitest";
import { activate, defineDestination, MemoryStateStore, type ActivationPlanInput } from "@abm-kit/destinations";
import { b2bSnapshot, ids, NOW } from "./fixtures/b2b-snapshot.js";
import { API_KEY, MemoryService, memoryDestination } from "./fixtures/memory-destination.js";

const snapshot = b2bSnapshot(10, 3);
const plan: ActivationPlanInput = {
  id: "replaced",
  mode: "incremental",
  destination: { id: "memory", settings: { apiKey: API_KEY } },
  audiences: [{ audienceId: "tier-1" }],
  mapping: { person: [{ source: "person.email", target: "email_sha256", transforms: ["sha256Email"] }] },
};

describe("an audience deleted at the destination", () => {
  it("is refilled: when ensureAudience returns another id, every member is sent to the new one and nothing is removed", async () => {
    const service = new MemoryService();
    let generation = 1;
    const base = memoryDestination(service);
    const destination = defineDestination({
      ...base,
      ensureAudience: async (_ctx, audience, known) => {
        const current = `ext-${audience.audienceId}-v${generation}`;
        return known === current ? { externalId: current } : { externalId: current, created: true };
      },
    });
    const state = new MemoryStateStore();
    const first = ids("p", 0, 20).filter((id) => id !== "p0007");
    const run = (memberIds: string[]) =>
      activate(plan, { destination, snapshot, audiences: [{ audienceId: "tier-1", type: "person", memberIds }], now: NOW, state });
    await run(first);
    expect(service.membersOf("ext-tier-1-v1")).toEqual(first);

    // someone deletes the segment; the next run finds it gone and creates v2
    service.held.clear();
    generation = 2;
    const second = [...first.slice(1), "p0020"];
    const report = await run(second);
    expect(service.membersOf("ext-tier-1-v2")).toEqual(second);
    expect(report.audiences[0]!.externalId).toBe("ext-tier-1-v2");
    expect(report.audiences[0]!.exported).toBe(second.length);
    expect(report.audiences[0]!.removed).toBe(0);
    expect(report.audiences[0]!.warnings.join(" ")).toMatch(/replaced/);

    // and the run after that sends nothing again
    const third = await run(second);
    expect(third.audiences[0]!.exported).toBe(0);
  });

  it("an unchanged audience is still checked every run, so a deletion is noticed without member changes", async () => {
    const service = new MemoryService();
    let generation = 1;
    const destination = defineDestination({
      ...memoryDestination(service),
      ensureAudience: async (_ctx, audience) => ({ externalId: `ext-${audience.audienceId}-v${generation}` }),
    });
    const state = new MemoryStateStore();
    const members = ids("p", 0, 6);
    const run = () => activate(plan, { destination, snapshot, audiences: [{ audienceId: "tier-1", type: "person", memberIds: members }], now: NOW, state });
    await run();
    generation = 2;
    await run();
    expect(service.membersOf("ext-tier-1-v2")).toEqual(members);
  });
});
