import { IdentityGraph, SnapshotBuilder, type Snapshot } from "@abm-kit/core";
import { BENCH_NOW, BENCH_RELATED_TABLES, type SyntheticDataset } from "./dataset.js";
import { chunks, eventOwnerRef, linkRecords, personRecords, personSources, salesforceAccounts } from "./source-records.js";

const CHUNK = 50_000;

/**
 * From source records to a Snapshot: Salesforce accounts, contacts and links
 * and Marketo leads go through the identity graph in chunks (incremental adds);
 * events, opportunities, roles and related rows stream into the builder with
 * their person re-pointed to the unified id.
 */
export function buildSnapshotWithIdentity(data: SyntheticDataset): Snapshot {
  const builder = new SnapshotBuilder({ asOf: BENCH_NOW, relatedTables: BENCH_RELATED_TABLES });
  const eventOwners = unifyInto(builder, data);
  // the graph is garbage from here on: the 10M events stream against a small heap
  for (const r of data.opportunities()) builder.addOpportunity(r);
  for (const r of data.opportunityRoles()) {
    const person = Number(r.personId.slice(4));
    builder.addOpportunityRole({ ...r, personId: personSources(person) === "marketo" ? `marketo.lead:ml-${person}` : r.personId });
  }
  for (const event of data.events()) builder.addEvent({ ...event, personId: eventOwners[Number(event.personId.slice(4))] });
  for (const r of data.accountEvents()) builder.addEvent(r);
  for (const r of data.ownedProducts()) builder.addRelatedRow("ownedProducts", r);
  for (const r of data.intent()) builder.addRelatedRow("intent", r);
  for (const r of data.technographics()) builder.addRelatedRow("technographics", r);
  return builder.build();
}

/** Runs the identity graph, adds its unified entities, and returns each synthetic person's unified id. */
function unifyInto(builder: SnapshotBuilder, data: SyntheticDataset): (string | undefined)[] {
  const graph = new IdentityGraph();
  for (const accounts of chunks(salesforceAccounts(data), CHUNK)) graph.add({ accounts });
  for (const persons of chunks(personRecords(data), CHUNK)) graph.add({ persons });
  for (const links of chunks(linkRecords(data), CHUNK)) graph.add({ links });
  const unified = graph.entities();
  for (const r of unified.accounts) builder.addAccount(r);
  for (const r of unified.persons) builder.addPerson(r);
  for (const r of unified.links) builder.addLink(r);
  return Array.from({ length: data.personCount }, (_, p) => graph.personIdOf(eventOwnerRef(data, p)));
}
