import { SnapshotBuilder, type Snapshot } from "@abm-kit/core";
import { BENCH_NOW, BENCH_RELATED_TABLES, type SyntheticDataset } from "./dataset.js";

/** Streams a synthetic data set into a Snapshot (records are generated as they are added). */
export function buildBenchSnapshot(data: SyntheticDataset, options: { validate?: boolean } = {}): Snapshot {
  const builder = new SnapshotBuilder({ asOf: BENCH_NOW, relatedTables: BENCH_RELATED_TABLES, validate: options.validate ?? true });
  for (const r of data.accounts()) builder.addAccount(r);
  for (const r of data.persons()) builder.addPerson(r);
  for (const r of data.links()) builder.addLink(r);
  for (const r of data.opportunities()) builder.addOpportunity(r);
  for (const r of data.opportunityRoles()) builder.addOpportunityRole(r);
  for (const r of data.events()) builder.addEvent(r);
  for (const r of data.accountEvents()) builder.addEvent(r);
  for (const r of data.ownedProducts()) builder.addRelatedRow("ownedProducts", r);
  for (const r of data.intent()) builder.addRelatedRow("intent", r);
  for (const r of data.technographics()) builder.addRelatedRow("technographics", r);
  return builder.build();
}
