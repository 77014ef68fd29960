import type { Snapshot, Table } from "@abm-kit/core";
import type { Audience, Condition } from "@abm-kit/audience";
import { relatedTableName, relationTarget, type ContextKind } from "@abm-kit/audience/internal";
import type { GovernanceFieldUse } from "./field-use.js";

/** The Snapshot tables that hold the rows of each context kind (events: both event tables). */
function tablesOf(snapshot: Snapshot, context: ContextKind, relatedTable: string | undefined): Table<string>[] {
  switch (context) {
    case "account":
      return [snapshot.accounts];
    case "person":
      return [snapshot.persons];
    case "link":
      return [snapshot.links];
    case "opportunity":
      return [snapshot.opportunities];
    case "opportunityRole":
      return [snapshot.opportunityRoles];
    case "campaign":
      return [snapshot.campaigns];
    case "campaignMember":
      return [snapshot.campaignMembers];
    case "event":
      return [snapshot.personEvents, snapshot.accountEvents];
    case "related": {
      const related = relatedTable === undefined ? undefined : snapshot.related.get(relatedTable);
      return related === undefined ? [] : [related.table];
    }
  }
}

interface Context {
  readonly kind: ContextKind | undefined;
  readonly relatedTable?: string;
}

/**
 * The labelled fields an audience reads, for {@link checkGovernance}: each
 * attribute condition's field (in the entity it is evaluated on) with the
 * labels its Snapshot column carries. Paths are `<entity>.<field>`
 * (`person.email`, `opportunity.amount`, `related:intent.topic`,
 * `event.webpage`), each listed once; fields without labels are left out.
 */
export function audienceFieldUses(audience: Audience, snapshot: Snapshot): GovernanceFieldUse[] {
  const uses = new Map<string, Set<string>>();
  const visit = (condition: Condition, context: Context): void => {
    switch (condition.kind) {
      case "and":
      case "or":
        condition.conditions.forEach((c) => visit(c, context));
        return;
      case "not":
        visit(condition.condition, context);
        return;
      case "attribute": {
        if (context.kind === undefined) return;
        const labels = new Set<string>();
        for (const table of tablesOf(snapshot, context.kind, context.relatedTable)) {
          for (const label of table.column(condition.field)?.labels ?? []) labels.add(label);
        }
        if (labels.size === 0) return;
        const entity = context.kind === "related" ? `related:${context.relatedTable ?? ""}` : context.kind;
        const path = `${entity}.${condition.field}`;
        const known = uses.get(path) ?? new Set<string>();
        labels.forEach((l) => known.add(l));
        uses.set(path, known);
        return;
      }
      case "related": {
        if (condition.where === undefined) return;
        const target = context.kind === undefined ? undefined : relationTarget(context.kind, condition.relation);
        const relatedTable = relatedTableName(condition.relation);
        visit(condition.where, relatedTable === undefined ? { kind: target } : { kind: target, relatedTable });
        return;
      }
      case "event":
        if (condition.where !== undefined) visit(condition.where, { kind: "event" });
        return;
      case "sequence":
        for (const step of condition.steps) if (step.where !== undefined) visit(step.where, { kind: "event" });
        return;
      case "inAudience":
        return;
    }
  };
  visit(audience.condition, { kind: audience.type });
  return [...uses].map(([path, labels]) => ({ path, labels: [...labels].sort(), role: "audience" as const }));
}
