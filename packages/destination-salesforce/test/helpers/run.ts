import { activate, MemoryStateStore, type AudienceMembership, type RunReport, type StateStore } from "@abm-kit/destinations";
import type { Snapshot } from "@abm-kit/core";
import { salesforceDestination } from "@abm-kit/destination-salesforce";
import { MAPPING, RUN_NOW } from "./fixture.js";

/** One activation of `audiences` to Salesforce with `settings` (waits are not real). */
export function runSalesforce(input: {
  settings: unknown;
  snapshot: Snapshot;
  audiences: AudienceMembership[];
  state?: StateStore;
  maxBatchSize?: number;
}): Promise<RunReport> {
  const destination =
    input.maxBatchSize === undefined
      ? salesforceDestination
      : { ...salesforceDestination, limits: { ...salesforceDestination.limits, maxBatchSize: input.maxBatchSize } };
  return activate(
    {
      id: "sf-test",
      destination: { id: "salesforce", settings: input.settings },
      audiences: input.audiences.map((a) => ({ audienceId: a.audienceId })),
      mapping: MAPPING,
    },
    { destination, snapshot: input.snapshot, audiences: input.audiences, now: RUN_NOW, state: input.state ?? new MemoryStateStore(), sleep: async () => {} },
  );
}
