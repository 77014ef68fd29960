import type { EntityKind } from "../entity-fields.js";
import { SnapshotBuilder, type SnapshotBuilderOptions } from "../snapshot/snapshot-builder.js";
import type { Snapshot } from "../snapshot/snapshot.js";
import type { FieldDefinitions } from "../values.js";
import type { IdentityGraph } from "./identity-graph.js";

/**
 * Builds a Snapshot from a graph's unified entities. Field declarations found
 * by the sources are used unless `options.fields` declares the same field;
 * related tables the readers declared (`ownedProducts`) are used unless
 * `options.relatedTables` declares a table of the same name.
 * The records were checked against their schemas when they were added to the
 * graph, so the builder does not check them again unless `options.validate`
 * is true (value types are still checked column by column).
 *
 * @example
 * ```ts
 * import { IdentityGraph, toSnapshot } from "@abm-kit/core";
 *
 * const graph = new IdentityGraph({ linkByEmailDomain: true });
 * // graph.add(records) — from the @abm-kit/sources readers, or your own records
 * const snapshot = toSnapshot(graph, { asOf: "2026-11-20T12:00:00Z" });
 * ```
 * @category Snapshot
 */
export function toSnapshot(graph: IdentityGraph, options: SnapshotBuilderOptions): Snapshot {
  const entities = graph.entities();
  const fields: Partial<Record<EntityKind, FieldDefinitions>> = {};
  for (const kind of new Set([...Object.keys(entities.fields), ...Object.keys(options.fields ?? {})]) as Set<EntityKind>) {
    fields[kind] = { ...entities.fields[kind], ...options.fields?.[kind] };
  }
  const declared = new Set((options.relatedTables ?? []).map((t) => t.name));
  const relatedTables = [...entities.relatedTables.filter((t) => !declared.has(t.name)), ...(options.relatedTables ?? [])];
  const builder = new SnapshotBuilder({ ...options, fields, relatedTables, validate: options.validate ?? false });
  // the graph gives each event id once (of several records with one id, unification keeps one):
  // the builder keeps no index of millions of event ids to find repeats
  (builder as unknown as { eventIdsUnique: boolean }).eventIdsUnique = true;
  for (const r of entities.accounts) builder.addAccount(r);
  for (const r of entities.persons) builder.addPerson(r);
  for (const r of entities.links) builder.addLink(r);
  for (const r of entities.opportunities) builder.addOpportunity(r);
  for (const r of entities.opportunityRoles) builder.addOpportunityRole(r);
  for (const r of entities.campaigns) builder.addCampaign(r);
  for (const r of entities.campaignMembers) builder.addCampaignMember(r);
  // events go over column by column: no event object, time text or source-key object per event
  graph.forEachEventRun(
    (columns, rows) => builder.addEventColumns(columns, rows),
    (r) => builder.addEvent(r),
  );
  for (const [table, rows] of Object.entries(entities.related)) for (const r of rows) builder.addRelatedRow(table, r);
  return builder.build();
}
