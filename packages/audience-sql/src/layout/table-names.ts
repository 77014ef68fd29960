import type { SqlEntityTable } from "./layout.js";

/** The SQL table of each Snapshot table. */
export const TABLE_NAMES: Readonly<Record<SqlEntityTable, string>> = {
  accounts: "accounts",
  persons: "persons",
  links: "links",
  opportunities: "opportunities",
  opportunityRoles: "opportunity_roles",
  campaigns: "campaigns",
  campaignMembers: "campaign_members",
  personEvents: "person_events",
  accountEvents: "account_events",
};

/** The SQL table of a related table (`related_<name>`). */
export function relatedSqlTable(name: string): string {
  return `related_${name}`;
}

/** The table mapping a related table's rows to their owners (`related_<name>_owners`). */
export function relatedOwnersSqlTable(name: string): string {
  return `related_${name}_owners`;
}

/** Tables whose rows have an `id` column. */
export const TABLES_WITH_IDS: ReadonlySet<SqlEntityTable> = new Set(["accounts", "persons", "opportunities", "campaigns", "personEvents", "accountEvents"]);

/**
 * Foreign-key columns per table (`_account_id`, …): the referenced row's id,
 * NULL when there is none. Every table also has `_row`, the Snapshot row number.
 */
export const REFERENCE_COLUMNS: Readonly<Record<SqlEntityTable, readonly string[]>> = {
  accounts: [],
  persons: [],
  links: ["_account_id", "_person_id"],
  opportunities: ["_account_id"],
  opportunityRoles: ["_opportunity_id", "_person_id"],
  campaigns: [],
  campaignMembers: ["_campaign_id", "_person_id"],
  personEvents: ["_owner_id"],
  accountEvents: ["_owner_id"],
};

/** Column names the layout itself uses; a field may not have one of these names. */
export const RESERVED_COLUMNS: ReadonlySet<string> = new Set(["id", "_row", "_account_id", "_person_id", "_opportunity_id", "_campaign_id", "_owner_id"]);
