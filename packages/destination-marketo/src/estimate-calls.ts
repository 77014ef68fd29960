import type { PlannedAudienceWork } from "@abm-kit/destinations";
import type { MarketoSettings } from "./settings.js";

/**
 * The calls bringing one audience up to date takes at most, for the daily
 * budget: a token and the list lookups (one to three more when the list is
 * created), then per batch — people: an email lookup, a lead sync when
 * `createLeads` is on, a list change; accounts: a named-account sync and a list change.
 */
export function estimateMarketoCalls(work: PlannedAudienceWork, settings: MarketoSettings): number {
  const batches = (n: number) => Math.ceil(n / Math.max(1, Math.min(work.maxBatchSize, settings.maxBatchSize)));
  const find = work.known ? 1 : 4;
  const perAdd = work.audience.type === "person" ? (settings.createLeads ? 3 : 2) : 2;
  return 1 + find + perAdd * batches(work.adds) + 2 * batches(work.removes);
}
