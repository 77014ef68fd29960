import { STANDARD_FIELDS } from "@abm-kit/core";
import { salesforceSpec } from "@abm-kit/sources";
import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";
import type { WrittenTable } from "../events/write-event-table.js";
import type { EntityIdTables } from "../events/write-person-events.js";
import { resolveRefsInSql } from "../identity/resolve-refs-sql.js";
import type { SqlRunner } from "../identity/sql-runner.js";
import { attributeColumns } from "../layout/attribute-columns.js";
import type { StagedSalesforceTable } from "./write-campaigns.js";
import { mergedAttributes, stagedRowsSql, type StagedRows } from "./staged-rows-sql.js";
import { writeLayoutTable } from "./write-layout-table.js";

/** What {@link writeCampaignMembers} reads. */
export interface CampaignMembersInput {
  /** Staged Salesforce CampaignMember tables, in load order. */
  readonly members: readonly StagedSalesforceTable[];
  /** The persons' identity values and unified ids. */
  readonly persons: EntityIdTables;
  /** The layout's campaigns table, written before (default `campaigns`). */
  readonly campaigns?: string;
  /** The prefix of the work tables it leaves behind (default `cm_`). */
  readonly prefix?: string;
}

const FIELDS = STANDARD_FIELDS.campaignMember;

/**
 * Writes the layout's `campaign_members` table from staged Salesforce
 * CampaignMember tables, as `toSnapshot` builds it: a row per member whose
 * person (its ContactId, else its LeadId; a member with neither is rejected by
 * the reader) names exactly one unified person and whose campaign is in the
 * campaigns table, with `status`, `hasResponded`, `firstRespondedAt` (the
 * FirstRespondedDate at midnight UTC), `createdAt` and the attributes (the
 * other columns). Returns the table's layout fields and row count.
 */
export async function writeCampaignMembers(run: SqlRunner, d: WarehouseDialect, input: CampaignMembersInput): Promise<WrittenTable> {
  const q = d.quote;
  const prefix = input.prefix ?? "cm_";
  const t = (name: string) => q(`${prefix}${name}`);
  const standardColumns = Object.keys(salesforceSpec("CampaignMember").columns);
  const sources: StagedRows[] = [];
  for (const table of input.members) {
    sources.push({
      table: table.table,
      columns: {
        status: `s.${q("Status")}`,
        hasResponded: `s.${q("HasResponded")}`,
        firstRespondedAt: `s.${q("FirstRespondedDate")} || 'T00:00:00.000Z'`,
        createdAt: `s.${q("CreatedDate")}`,
        __campaign: `s.${q("CampaignId")}`,
        __person_ns: `CASE WHEN s.${q("ContactId")} IS NOT NULL THEN 'salesforce.contact' ELSE 'salesforce.lead' END`,
        __person: `coalesce(s.${q("ContactId")}, s.${q("LeadId")})`,
      },
      attributes: await attributeColumns(run, d, table.table, standardColumns, table.fieldTypes),
      where: `coalesce(s.${q("ContactId")}, s.${q("LeadId")}) IS NOT NULL`,
    });
  }
  const attributes = mergedAttributes(sources, Object.keys(FIELDS));
  const standard = Object.fromEntries(Object.entries(FIELDS).map(([f, def]) => [f, def.type]));
  await run(
    `CREATE TABLE ${t("rows")} AS SELECT row_number() OVER (ORDER BY part, record) AS ref, * FROM (${stagedRowsSql(d, sources, { __campaign: "string", __person_ns: "string", __person: "string", ...standard }, attributes)}) u`,
  );
  await run(`CREATE TABLE ${t("person_refs")} AS SELECT ref, __person_ns AS namespace, __person AS value FROM ${t("rows")}`);
  await resolveRefsInSql(run, d, { refs: `${prefix}person_refs`, values: input.persons.values, clusters: input.persons.clusters }, `${prefix}person_ids`);
  const fields = { ...standard, ...attributes };
  const select = `SELECT row_number() OVER (ORDER BY r.__campaign, p.entity_id, r.ref) - 1 AS _row, c.id AS _campaign_id, p.entity_id AS _person_id, ${Object.keys(
    fields,
  )
    .map((f) => `r.${q(f)}`)
    .join(
      ", ",
    )} FROM ${t("rows")} r JOIN ${t("person_ids")} p ON p.ref = r.ref JOIN ${q(input.campaigns ?? "campaigns")} c ON c.id = r.__campaign WHERE p.entity_id IS NOT NULL`;
  return writeLayoutTable(run, d, "campaignMembers", fields, ["_row", "_campaign_id", "_person_id"], select);
}
