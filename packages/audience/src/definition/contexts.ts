/**
 * The kinds of rows a condition can be evaluated over. `related` is a row of a
 * declared related table; `event` a person's or account's event.
 */
export type ContextKind = "account" | "person" | "link" | "opportunity" | "opportunityRole" | "campaign" | "campaignMember" | "related" | "event";

/** The relations each context kind may follow, and the kind of the rows they lead to. */
export const RELATIONS: Readonly<Record<ContextKind, Readonly<Record<string, ContextKind>>>> = {
  account: { people: "person", links: "link", opportunities: "opportunity" },
  person: { accounts: "account", links: "link", opportunityRoles: "opportunityRole", campaignMembers: "campaignMember" },
  link: { account: "account", person: "person" },
  opportunity: { account: "account", opportunityRoles: "opportunityRole" },
  opportunityRole: { opportunity: "opportunity", person: "person" },
  campaign: { campaignMembers: "campaignMember" },
  campaignMember: { campaign: "campaign", person: "person" },
  related: {},
  event: {},
};

/** The related-table name of a `related:<table>` relation, or undefined. */
export function relatedTableName(relation: string): string | undefined {
  return relation.startsWith("related:") ? relation.slice("related:".length) : undefined;
}

/**
 * The kind of rows `relation` leads to from `from`, or undefined when it cannot
 * be followed from there. `related:<table>` is allowed from accounts and persons
 * (whether the table is keyed to that kind is checked against the Snapshot).
 */
export function relationTarget(from: ContextKind, relation: string): ContextKind | undefined {
  if (relatedTableName(relation) !== undefined) return from === "account" || from === "person" ? "related" : undefined;
  return RELATIONS[from][relation];
}
