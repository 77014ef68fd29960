import { describe, expect, it } from "vitest";
import { ValidationError } from "@abm-kit/core";
import { activate, defineDestination, MemoryStateStore, type ActivationPlanInput } from "@abm-kit/destinations";
import { b2bSnapshot, ids, NOW } from "./fixtures/b2b-snapshot.js";
import { API_KEY, MemoryService, memoryDestination } from "./fixtures/memory-destination.js";

const snapshot = b2bSnapshot(10, 2);
const plan: ActivationPlanInput = {
  id: "open",
  destination: { id: "memory", settings: { apiKey: API_KEY } },
  audiences: [{ audienceId: "buyers" }],
  mapping: {
    person: [
      { source: "person.email", target: "email_sha256", transforms: ["sha256Email"] },
      { source: "person.lastName", target: "Custom_Field__c" },
    ],
  },
};
const audiences = [{ audienceId: "buyers", type: "person" as const, memberIds: ids("p", 0, 4) }];

describe("open mapping targets", () => {
  it("a mapping naming an undeclared target is refused unless the audience type is open", async () => {
    const closed = memoryDestination(new MemoryService());
    const error = await activate(plan, { destination: closed, snapshot, audiences, now: NOW, state: new MemoryStateStore() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems).toEqual([
      { path: ["mapping", "person", 1, "target"], message: "destination memory has no person field Custom_Field__c" },
    ]);

    const service = new MemoryService();
    const open = defineDestination({ ...memoryDestination(service), openMappingTargets: ["person"] });
    const report = await activate(plan, { destination: open, snapshot, audiences, now: NOW, state: new MemoryStateStore(), sleep: async () => {} });
    expect(report.totals.exported).toBe(4);
    // declared targets keep their rules; the undeclared one is sent as mapped
    expect(service.batches[0]!.members[0]!.fields).toMatchObject({ Custom_Field__c: "Last0" });
  });
});
