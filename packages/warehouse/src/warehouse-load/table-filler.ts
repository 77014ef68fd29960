import type { IdentityConfig, RelatedTableDefinition } from "@abm-kit/core";
import type { SqlEntityTable, SqlLayout } from "@abm-kit/audience-sql";
import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";
import type { SqlRunner } from "../identity/sql-runner.js";
import type { LinkTables } from "./links-sql.js";
import type { StagedExport } from "./staged-export.js";
import type { EntityTables } from "./unify-entities.js";

/** What a table filler gets: the engine, the staged exports, and the work tables of the unified persons, accounts and links. */
export interface WarehouseLoadContext {
  readonly run: SqlRunner;
  readonly dialect: WarehouseDialect;
  readonly identity: IdentityConfig;
  /** Every export file, staged (its table, header and extra column types), in the order given. */
  readonly exports: readonly StagedExport[];
  /** Persons: records, identity values and clusters (for `resolveRefsSql`), merged values and consent. */
  readonly persons: EntityTables;
  /** Accounts, likewise. */
  readonly accounts: EntityTables;
  /** Links, and each unified account's registrable domains (`account_id`, `domain`) and DUNS numbers (`account_id`, `duns`), to resolve rows keyed by domain or DUNS. */
  readonly links: LinkTables;
  /** `(raw, domain, free_mail)`: registrable domains of the persons' emails and the accounts' domains (`registrableDomainsInSql`). */
  readonly domains: string;
  /** The prefix of every work table. */
  readonly prefix: string;
  /** The related tables the readers declare (Asset: `ownedProducts`) and the caller's `relatedTables`, by name (the caller's win). */
  readonly relatedTables: readonly RelatedTableDefinition[];
}

/** A layout table a filler may own: a Snapshot table, or a related table by name. */
export type FilledTable = Exclude<SqlEntityTable, "persons" | "accounts" | "links"> | `related:${string}`;

/**
 * An extension point of `loadExportsIntoWarehouse`: the SQL that fills some of
 * the layout's other tables (opportunities, opportunity roles, campaigns,
 * campaign members, person and account events, related tables) from the
 * staged exports. Without a filler such a table is created with the fields the
 * in-memory Snapshot would give it and left empty.
 */
export interface WarehouseTableFiller {
  /** A name for errors. */
  readonly name: string;
  /** The tables it fills; no two fillers may fill one table. */
  readonly tables: readonly FilledTable[];
  /**
   * The fields of its tables (`opportunities`, `related`: each related table
   * it fills), after persons and accounts are unified and before any layout
   * table is created. A table it fills but leaves out keeps the default fields.
   */
  layout(context: WarehouseLoadContext): Promise<Partial<SqlLayout>>;
  /** Writes the rows of its tables (created, empty, with `layoutDdl`); returns the rows written per SQL table. */
  fill(context: WarehouseLoadContext, layout: SqlLayout): Promise<Readonly<Record<string, number>>>;
}
