import { propertyName } from "@abm-kit/sources";
import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";
import { resolveRefsInSql } from "../identity/resolve-refs-sql.js";
import type { SqlRunner } from "../identity/sql-runner.js";
import { stagedColumns } from "../layout/staged-columns.js";
import { eventCellsSql } from "./event-cells-sql.js";
import { keepFirstEventCopies } from "./first-event-copies.js";
import { ACTIVITY_COLUMNS, marketoActivitiesSql, type StagedActivityTable } from "./marketo-activities-sql.js";
import { writeEventTable, type WrittenTable } from "./write-event-table.js";

/** The identity tables of one entity kind: every record's identity values and its unified id. */
export interface EntityIdTables {
  /** `(record, namespace, value)`: as `identityValuesSql` writes it. */
  readonly values: string;
  /** `(record, entity_id)`: as `clusterRecordsInSql` writes it. */
  readonly clusters: string;
}

/** What {@link writePersonEvents} reads. */
export interface PersonEventsInput {
  /** Staged Marketo activities tables, in the order `loadExports` would get the files. */
  readonly activities: readonly StagedActivityTable[];
  /** The persons' identity values and unified ids. */
  readonly persons: EntityIdTables;
  /** The prefix of the work tables it leaves behind (default `pe_`). */
  readonly prefix?: string;
}

/**
 * Writes the layout's `person_events` table from staged Marketo activities,
 * as `toSnapshot(loadExports(…).graph)` builds it: each activity's id, type,
 * time and source key, its owner the unified person of its lead (activities
 * whose lead matches no person, or several, are left out), and its
 * properties — the attributes JSON, the other columns, the primary attribute
 * value, its id and the campaign id — named by `propertyName` and typed by
 * their first present value. Returns the table's layout fields and row count.
 */
export async function writePersonEvents(run: SqlRunner, d: WarehouseDialect, input: PersonEventsInput): Promise<WrittenTable> {
  const prefix = input.prefix ?? "pe_";
  const extras = [];
  for (const t of input.activities) extras.push((await stagedColumns(run, d, t.table)).filter((c) => !ACTIVITY_COLUMNS.has(c.name)));
  for (const sql of marketoActivitiesSql(d, input.activities, extras, prefix)) await run(sql);
  await resolveRefsInSql(run, d, { refs: `${prefix}owner_refs`, values: input.persons.values, clusters: input.persons.clusters }, `${prefix}owner_ids`);
  await keepFirstEventCopies(run, d, prefix);
  const properties = await eventCellsSql(run, d, prefix, propertyName);
  return writeEventTable(run, d, "personEvents", prefix, properties);
}
