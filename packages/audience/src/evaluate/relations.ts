import type { Adjacency, Snapshot, Table } from "@abm-kit/core";
import { buildAdjacency } from "@abm-kit/core/internal";
import type { ContextKind } from "../definition/contexts.js";
import { relatedTableName } from "../definition/contexts.js";
import type { Scope } from "./compile-context.js";

/** A followed relation: for each source row its target rows (ascending), and the targets' scope. */
export interface ResolvedRelation {
  readonly adjacency: Adjacency;
  readonly target: Scope;
}

const toOneCache = new WeakMap<Int32Array, Adjacency>();

/** A to-one reference (row → row or -1) as an adjacency of degree 0 or 1. */
function toOne(refs: Int32Array): Adjacency {
  let adjacency = toOneCache.get(refs);
  if (adjacency === undefined) {
    const sources = new Int32Array(refs.length);
    for (let i = 0; i < sources.length; i++) sources[i] = i;
    adjacency = buildAdjacency(refs.length, sources, refs);
    toOneCache.set(refs, adjacency);
  }
  return adjacency;
}

const transposeCache = new WeakMap<Adjacency, Adjacency>();

/**
 * The adjacency read backwards: for each target row (of `targetCount`), the
 * source rows pointing at it. Built once per adjacency (the Snapshot's are
 * immutable) and kept while the adjacency lives.
 */
export function transposed(adjacency: Adjacency, targetCount: number): Adjacency {
  let back = transposeCache.get(adjacency);
  if (back === undefined) {
    const { offsets, targets } = adjacency;
    const sources = new Int32Array(targets.length);
    for (let row = 0; row + 1 < offsets.length; row++) sources.fill(row, offsets[row]!, offsets[row + 1]!);
    back = buildAdjacency(targetCount, targets, sources);
    transposeCache.set(adjacency, back);
  }
  return back;
}

/** The scope of the rows of a context kind (not `related` / `event`, which depend on the table). */
export function scopeOf(snapshot: Snapshot, kind: Exclude<ContextKind, "related" | "event">): Scope {
  const tables: Record<typeof kind, Table<string>> = {
    account: snapshot.accounts,
    person: snapshot.persons,
    link: snapshot.links,
    opportunity: snapshot.opportunities,
    opportunityRole: snapshot.opportunityRoles,
    campaign: snapshot.campaigns,
    campaignMember: snapshot.campaignMembers,
  };
  return { kind, table: tables[kind], label: kind };
}

/**
 * Follows `relation` from `from` in `snapshot`, or returns a message saying why
 * it cannot be followed (unknown relation, undeclared related table, a table
 * keyed to the other kind).
 */
export function resolveRelation(snapshot: Snapshot, from: Scope, relation: string): ResolvedRelation | string {
  const tableName = relatedTableName(relation);
  if (tableName !== undefined) {
    const related = snapshot.related.get(tableName);
    if (related === undefined) return `the snapshot has no related table ${JSON.stringify(tableName)}`;
    if (related.ownerKind !== from.kind) return `related table ${tableName} belongs to ${related.ownerKind} rows, not ${from.label} rows`;
    return { adjacency: related.byOwner, target: { kind: "related", table: related.table, label: relation } };
  }
  const s = snapshot;
  const to = (adjacency: Adjacency, kind: Exclude<ContextKind, "related" | "event">): ResolvedRelation => ({ adjacency, target: scopeOf(s, kind) });
  switch (`${from.kind}.${relation}`) {
    case "account.people":
      return to(s.accountPeople, "person");
    case "account.links":
      return to(s.accountLinks, "link");
    case "account.opportunities":
      return to(s.accountOpportunities, "opportunity");
    case "person.accounts":
      return to(s.personAccounts, "account");
    case "person.links":
      return to(s.personLinks, "link");
    case "person.opportunityRoles":
      return to(s.opportunityRolesByPerson, "opportunityRole");
    case "person.campaignMembers":
      return to(s.campaignMembersByPerson, "campaignMember");
    case "link.account":
      return to(toOne(s.links.ref("account")), "account");
    case "link.person":
      return to(toOne(s.links.ref("person")), "person");
    case "opportunity.account":
      return to(toOne(s.opportunities.ref("account")), "account");
    case "opportunity.opportunityRoles":
      return to(s.opportunityRolesByOpportunity, "opportunityRole");
    case "opportunityRole.opportunity":
      return to(toOne(s.opportunityRoles.ref("opportunity")), "opportunity");
    case "opportunityRole.person":
      return to(toOne(s.opportunityRoles.ref("person")), "person");
    case "campaign.campaignMembers":
      return to(s.campaignMembersByCampaign, "campaignMember");
    case "campaignMember.campaign":
      return to(toOne(s.campaignMembers.ref("campaign")), "campaign");
    case "campaignMember.person":
      return to(toOne(s.campaignMembers.ref("person")), "person");
    default:
      return `relation ${JSON.stringify(relation)} cannot be followed from ${from.label} rows`;
  }
}
