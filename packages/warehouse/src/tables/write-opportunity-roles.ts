import { STANDARD_FIELDS, type FieldType } from "@abm-kit/core";
import { salesforceSpec } from "@abm-kit/sources";
import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";
import type { WrittenTable } from "../events/write-event-table.js";
import type { EntityIdTables } from "../events/write-person-events.js";
import { resolveRefsInSql } from "../identity/resolve-refs-sql.js";
import type { SqlRunner } from "../identity/sql-runner.js";
import { attributeColumns } from "../layout/attribute-columns.js";
import { mergedAttributes, stagedRowsSql, type StagedRows } from "./staged-rows-sql.js";
import { writeLayoutTable } from "./write-layout-table.js";

/** A staged Salesforce OpportunityContactRole table. */
export interface StagedRoleTable {
  readonly table: string;
  /** The declared types of its extra columns, as passed to staging (`fieldTypes`). */
  readonly fieldTypes?: Readonly<Record<string, FieldType>>;
}

/** What {@link writeOpportunityRoles} reads. */
export interface OpportunityRolesInput {
  /** Staged OpportunityContactRole tables, in load order. */
  readonly roles: readonly StagedRoleTable[];
  /** The persons' identity values and unified ids. */
  readonly persons: EntityIdTables;
  /** The layout's opportunities table, written before (default `opportunities`). */
  readonly opportunities?: string;
  /** The prefix of the work tables it leaves behind (default `or_`). */
  readonly prefix?: string;
}

const FIELDS = STANDARD_FIELDS.opportunityRole;

/**
 * Writes the layout's `opportunity_roles` table from staged Salesforce
 * OpportunityContactRole tables, as `toSnapshot` builds it: a row per role
 * whose contact names exactly one unified person and whose opportunity is in
 * the opportunities table (the others are left out, as the graph and the
 * Snapshot builder drop them), with `role`, `isPrimary` and the attributes
 * (the other columns). Returns the table's layout fields and row count.
 */
export async function writeOpportunityRoles(run: SqlRunner, d: WarehouseDialect, input: OpportunityRolesInput): Promise<WrittenTable> {
  const q = d.quote;
  const prefix = input.prefix ?? "or_";
  const t = (name: string) => q(`${prefix}${name}`);
  const standardColumns = Object.keys(salesforceSpec("OpportunityContactRole").columns);
  const sources: StagedRows[] = [];
  for (const table of input.roles) {
    sources.push({
      table: table.table,
      columns: { role: `s.${q("Role")}`, isPrimary: `s.${q("IsPrimary")}`, __opportunity: `s.${q("OpportunityId")}`, __contact: `s.${q("ContactId")}` },
      attributes: await attributeColumns(run, d, table.table, standardColumns, table.fieldTypes),
    });
  }
  const attributes = mergedAttributes(sources, Object.keys(FIELDS));
  const standard = Object.fromEntries(Object.entries(FIELDS).map(([f, def]) => [f, def.type]));
  await run(
    `CREATE TABLE ${t("rows")} AS SELECT row_number() OVER (ORDER BY part, record) AS ref, * FROM (${stagedRowsSql(d, sources, { __opportunity: "string", __contact: "string", ...standard }, attributes)}) u`,
  );
  await run(`CREATE TABLE ${t("person_refs")} AS SELECT ref, 'salesforce.contact' AS namespace, __contact AS value FROM ${t("rows")}`);
  await resolveRefsInSql(run, d, { refs: `${prefix}person_refs`, values: input.persons.values, clusters: input.persons.clusters }, `${prefix}person_ids`);
  const fields = { ...standard, ...attributes };
  const select = `SELECT row_number() OVER (ORDER BY r.__opportunity, p.entity_id, r.ref) - 1 AS _row, o.id AS _opportunity_id, p.entity_id AS _person_id, ${Object.keys(
    fields,
  )
    .map((f) => `r.${q(f)}`)
    .join(
      ", ",
    )} FROM ${t("rows")} r JOIN ${t("person_ids")} p ON p.ref = r.ref JOIN ${q(input.opportunities ?? "opportunities")} o ON o.id = r.__opportunity WHERE p.entity_id IS NOT NULL`;
  return writeLayoutTable(run, d, "opportunityRoles", fields, ["_row", "_opportunity_id", "_person_id"], select);
}
