import type { RelatedTableDefinition } from "../schemas/related-table.js";
import type { Adjacency } from "./adjacency.js";
import type { BuildReport } from "./build-report.js";
import type { EventTable } from "./event-table.js";
import type { Table } from "./table.js";

/** A related table in a Snapshot, with its rows joined to their owners. */
export interface RelatedTable {
  readonly definition: RelatedTableDefinition;
  /** The rows; the column `key` holds each row's key as given. */
  readonly table: Table;
  /** Who owns the rows: accounts (account-, domain- and DUNS-keyed tables) or persons. */
  readonly ownerKind: "account" | "person";
  /** Owner row → the related rows it owns (ascending). A domain-keyed row may belong to several accounts. */
  readonly byOwner: Adjacency;
}

/** The parts a Snapshot is made of (what {@link SnapshotBuilder.build} assembles). */
export interface SnapshotParts {
  readonly asOf: number;
  readonly accounts: Table;
  readonly persons: Table;
  readonly links: Table<"account" | "person">;
  readonly opportunities: Table<"account">;
  readonly opportunityRoles: Table<"opportunity" | "person">;
  readonly campaigns: Table;
  readonly campaignMembers: Table<"campaign" | "person">;
  readonly personEvents: EventTable;
  readonly accountEvents: EventTable;
  readonly related: ReadonlyMap<string, RelatedTable>;
  readonly accountPeople: Adjacency;
  readonly personAccounts: Adjacency;
  readonly accountLinks: Adjacency;
  readonly personLinks: Adjacency;
  readonly accountOpportunities: Adjacency;
  readonly opportunityRolesByOpportunity: Adjacency;
  readonly opportunityRolesByPerson: Adjacency;
  readonly campaignMembersByPerson: Adjacency;
  readonly campaignMembersByCampaign: Adjacency;
  readonly report: BuildReport;
}

/**
 * An immutable, columnar, indexed store of unified B2B data as of one moment:
 * the single input of every evaluator (batch, streaming, SQL export).
 *
 * Entities are tables of typed columns (strings dictionary-encoded; numbers,
 * instants and dates in `Float64Array`s). Relations are adjacency arrays both
 * ways. Events are sorted by (owner, time), so a time window is a binary search.
 * Row numbers of id'd tables follow id order, so they do not depend on the
 * order in which records were added.
 */
export class Snapshot implements SnapshotParts {
  /** The moment the data is as of (UTC epoch ms). Evaluation still takes its own `now`. */
  readonly asOf!: number;
  readonly accounts!: Table;
  readonly persons!: Table;
  /** Account–person links, one row per distinct (account, person) pair; refs `account`, `person`. */
  readonly links!: Table<"account" | "person">;
  readonly opportunities!: Table<"account">;
  readonly opportunityRoles!: Table<"opportunity" | "person">;
  readonly campaigns!: Table;
  readonly campaignMembers!: Table<"campaign" | "person">;
  /** Events owned by persons, sorted by (person, time, id). */
  readonly personEvents!: EventTable;
  /** Events owned directly by accounts (intent surges, …), sorted by (account, time, id). */
  readonly accountEvents!: EventTable;
  readonly related!: ReadonlyMap<string, RelatedTable>;
  /** Account → its people through active links (each person once). */
  readonly accountPeople!: Adjacency;
  /** Person → their accounts through active links. */
  readonly personAccounts!: Adjacency;
  /** Account → every link row (active or not). */
  readonly accountLinks!: Adjacency;
  /** Person → every link row (active or not). */
  readonly personLinks!: Adjacency;
  readonly accountOpportunities!: Adjacency;
  readonly opportunityRolesByOpportunity!: Adjacency;
  readonly opportunityRolesByPerson!: Adjacency;
  readonly campaignMembersByPerson!: Adjacency;
  readonly campaignMembersByCampaign!: Adjacency;
  /** What the build read, loaded and rejected, with every problem. */
  readonly report!: BuildReport;

  constructor(parts: SnapshotParts) {
    Object.assign(this, parts);
    Object.freeze(this);
  }

  /** The people of account row `account` (row numbers, ascending). */
  peopleOf(account: number): Int32Array {
    return this.accountPeople.of(account);
  }

  /** The accounts of person row `person` (row numbers, ascending). */
  accountsOf(person: number): Int32Array {
    return this.personAccounts.of(person);
  }

  /** The opportunities of account row `account`. */
  opportunitiesOf(account: number): Int32Array {
    return this.accountOpportunities.of(account);
  }

  /** The rows of a related table owned by `owner` (an account or person row, by the table's key). */
  relatedRowsOf(tableName: string, owner: number): Int32Array {
    const related = this.related.get(tableName);
    if (related === undefined) throw new RangeError(`the snapshot has no related table ${JSON.stringify(tableName)}`);
    return related.byOwner.of(owner);
  }

  /** A short summary: row counts by table. */
  summary(): Record<string, number> {
    const out: Record<string, number> = {
      accounts: this.accounts.size,
      persons: this.persons.size,
      links: this.links.size,
      opportunities: this.opportunities.size,
      opportunityRoles: this.opportunityRoles.size,
      campaigns: this.campaigns.size,
      campaignMembers: this.campaignMembers.size,
      personEvents: this.personEvents.size,
      accountEvents: this.accountEvents.size,
    };
    for (const [name, related] of this.related) out[`related:${name}`] = related.table.size;
    return out;
  }
}
