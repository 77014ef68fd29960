import { STANDARD_FIELDS, type FieldType } from "@abm-kit/core";
import { salesforceSpec } from "@abm-kit/sources";
import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";
import type { WrittenTable } from "../events/write-event-table.js";
import type { SqlRunner } from "../identity/sql-runner.js";
import { attributeColumns } from "../layout/attribute-columns.js";
import { mergedAttributes, stagedRowsSql, type StagedRows } from "./staged-rows-sql.js";
import { writeLayoutTable } from "./write-layout-table.js";

/** A staged Salesforce table (Campaign, CampaignMember, …) and the declared types of its extra columns. */
export interface StagedSalesforceTable {
  readonly table: string;
  /** The declared types of its extra columns, as passed to staging (`fieldTypes`). */
  readonly fieldTypes?: Readonly<Record<string, FieldType>>;
}

/** What {@link writeCampaigns} reads. */
export interface CampaignsInput {
  /** Staged Salesforce Campaign tables, in load order. */
  readonly campaigns: readonly StagedSalesforceTable[];
  /** The prefix of the work tables it leaves behind (default `cp_`). */
  readonly prefix?: string;
}

const FIELDS = STANDARD_FIELDS.campaign;

/**
 * Writes the layout's `campaigns` table from staged Salesforce Campaign
 * tables, as `toSnapshot` builds it: one row per campaign id (of records with
 * one id, the first in load order), its standard fields and its attributes
 * (the other columns). Returns the table's layout fields and row count.
 */
export async function writeCampaigns(run: SqlRunner, d: WarehouseDialect, input: CampaignsInput): Promise<WrittenTable> {
  const q = d.quote;
  const prefix = input.prefix ?? "cp_";
  const t = (name: string) => q(`${prefix}${name}`);
  const standardColumns = Object.keys(salesforceSpec("Campaign").columns);
  const sources: StagedRows[] = [];
  for (const table of input.campaigns) {
    sources.push({
      table: table.table,
      columns: {
        __id: `s.${q("Id")}`,
        name: `s.${q("Name")}`,
        type: `s.${q("Type")}`,
        status: `s.${q("Status")}`,
        startDate: `s.${q("StartDate")}`,
        endDate: `s.${q("EndDate")}`,
        isActive: `s.${q("IsActive")}`,
      },
      attributes: await attributeColumns(run, d, table.table, standardColumns, table.fieldTypes),
    });
  }
  const attributes = mergedAttributes(sources, Object.keys(FIELDS));
  const standard = Object.fromEntries(Object.entries(FIELDS).map(([f, def]) => [f, def.type]));
  await run(
    `CREATE TABLE ${t("kept")} AS SELECT * FROM (SELECT u.*, row_number() OVER (PARTITION BY __id ORDER BY part, record) AS copy FROM (${stagedRowsSql(d, sources, { __id: "string", ...standard }, attributes)}) u) v WHERE copy = 1`,
  );
  const fields = { ...standard, ...attributes };
  const select = `SELECT k.__id AS id, row_number() OVER (ORDER BY k.__id) - 1 AS _row, ${Object.keys(fields)
    .map((f) => `k.${q(f)}`)
    .join(", ")} FROM ${t("kept")} k`;
  return writeLayoutTable(run, d, "campaigns", fields, ["id", "_row"], select);
}
