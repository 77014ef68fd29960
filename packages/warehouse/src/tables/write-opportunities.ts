import { STANDARD_FIELDS, type FieldType } from "@abm-kit/core";
import { marketoSpec, salesforceSpec } from "@abm-kit/sources";
import { trimSql, type WarehouseDialect } from "../dialect/warehouse-dialect.js";
import type { WrittenTable } from "../events/write-event-table.js";
import type { EntityIdTables } from "../events/write-person-events.js";
import { resolveRefsInSql } from "../identity/resolve-refs-sql.js";
import type { SqlRunner } from "../identity/sql-runner.js";
import { attributeColumns } from "../layout/attribute-columns.js";
import { salesforceIdSql } from "../staging/salesforce-id-sql.js";
import { mergedAttributes, stagedRowsSql, type StagedRows } from "./staged-rows-sql.js";
import { writeLayoutTable } from "./write-layout-table.js";

/** A staged opportunities table and which export it holds. */
export interface StagedOpportunityTable {
  readonly table: string;
  readonly source: "salesforce:Opportunity" | "marketo:opportunities";
  /** The declared types of its extra columns, as passed to staging (`fieldTypes`). */
  readonly fieldTypes?: Readonly<Record<string, FieldType>>;
}

/** What {@link writeOpportunities} reads. */
export interface OpportunitiesInput {
  /** Staged opportunity tables, in the order `loadExports` would get the files. */
  readonly opportunities: readonly StagedOpportunityTable[];
  /** The accounts' identity values and unified ids. */
  readonly accounts: EntityIdTables;
  /** The account source precedence of the identity config (default: Salesforce, then Marketo): of two records with one id, the first system's is kept. */
  readonly sourcePrecedence?: readonly string[];
  /** The prefix of the work tables it leaves behind (default `op_`). */
  readonly prefix?: string;
}

const FIELDS = STANDARD_FIELDS.opportunity;

/** The standard fields of each export (the readers' `map`), as columns of the staged table. */
const MAPPED: Record<StagedOpportunityTable["source"], Readonly<Record<string, string>>> = {
  "salesforce:Opportunity": {
    name: "Name",
    stage: "StageName",
    amount: "Amount",
    currency: "CurrencyIsoCode",
    closeDate: "CloseDate",
    isClosed: "IsClosed",
    isWon: "IsWon",
    type: "Type",
    probability: "Probability",
    createdAt: "CreatedDate",
  },
  "marketo:opportunities": {
    name: "name",
    type: "type",
    stage: "stage",
    amount: "amount",
    closeDate: "closeDate",
    isClosed: "isClosed",
    isWon: "isWon",
    probability: "probability",
    createdAt: "createdAt",
  },
};

function rowsOf(d: WarehouseDialect, t: StagedOpportunityTable): Omit<StagedRows, "attributes"> {
  const q = d.quote;
  const fields = Object.fromEntries(Object.entries(MAPPED[t.source]).map(([field, column]) => [field, `s.${q(column)}`]));
  if (t.source === "salesforce:Opportunity") {
    return {
      table: t.table,
      columns: { ...fields, __id: `s.${q("Id")}`, __system: "'salesforce'", __account_ns: "'salesforce.account'", __account: `s.${q("AccountId")}` },
    };
  }
  // the Salesforce id of externalOpportunityId (as `toSalesforceId18`), else `marketo.opportunity:<marketoGUID>`
  const parsed = salesforceIdSql(d, `s.${q("externalOpportunityId")}`, "x.t", "x");
  const id = `(SELECT coalesce(${parsed.value}, 'marketo.opportunity:' || s.${q("marketoGUID")}) FROM (SELECT x.t, ${Object.entries(parsed.prep)
    .map(([alias, sql]) => `${sql} AS ${alias}`)
    .join(", ")} FROM (SELECT ${trimSql(`s.${q("externalOpportunityId")}`)} AS t) x) x)`;
  return {
    table: t.table,
    columns: { ...fields, __id: id, __system: "'marketo'", __account_ns: "'marketo.externalCompanyId'", __account: `s.${q("externalCompanyId")}` },
  };
}

/**
 * Writes the layout's `opportunities` table from staged Salesforce
 * Opportunity and Marketo opportunities tables, as `toSnapshot` builds it:
 * one row per opportunity id (a Marketo opportunity takes the Salesforce id of
 * its `externalOpportunityId`, else `marketo.opportunity:<marketoGUID>`; of
 * records with one id the one of the system first in `sourcePrecedence` is
 * kept), its standard fields and its attributes (the other columns), and
 * `_account_id` the unified account its account reference names (NULL when it
 * names none, or several). Returns the table's layout fields and row count.
 */
export async function writeOpportunities(run: SqlRunner, d: WarehouseDialect, input: OpportunitiesInput): Promise<WrittenTable> {
  const q = d.quote;
  const prefix = input.prefix ?? "op_";
  const t = (name: string) => q(`${prefix}${name}`);
  const sources: StagedRows[] = [];
  for (const table of input.opportunities) {
    const spec = table.source === "salesforce:Opportunity" ? salesforceSpec("Opportunity") : marketoSpec("opportunities");
    sources.push({ ...rowsOf(d, table), attributes: await attributeColumns(run, d, table.table, Object.keys(spec.columns), table.fieldTypes) });
  }
  const attributes = mergedAttributes(sources, Object.keys(FIELDS));
  const work: Record<string, FieldType> = { __id: "string", __system: "string", __account_ns: "string", __account: "string" };
  const standard = Object.fromEntries(Object.entries(FIELDS).map(([f, def]) => [f, def.type]));
  const precedence = input.sourcePrecedence ?? ["salesforce", "marketo"];
  const rank = `CASE __system ${precedence.map((s, i) => `WHEN ${d.literal(s)} THEN ${i}`).join(" ")} ELSE ${precedence.length} END`;
  await run(
    `CREATE TABLE ${t("rows")} AS SELECT row_number() OVER (ORDER BY part, record) AS ref, * FROM (${stagedRowsSql(d, sources, { ...work, ...standard }, attributes)}) u`,
  );
  await run(
    `CREATE TABLE ${t("kept")} AS SELECT * FROM (SELECT r.*, row_number() OVER (PARTITION BY __id ORDER BY ${rank}, part, record) AS copy FROM ${t("rows")} r) v WHERE copy = 1`,
  );
  await run(`CREATE TABLE ${t("account_refs")} AS SELECT ref, __account_ns AS namespace, __account AS value FROM ${t("kept")} WHERE __account IS NOT NULL`);
  await resolveRefsInSql(run, d, { refs: `${prefix}account_refs`, values: input.accounts.values, clusters: input.accounts.clusters }, `${prefix}account_ids`);
  const fields = { ...standard, ...attributes };
  const select = `SELECT k.__id AS id, row_number() OVER (ORDER BY k.__id) - 1 AS _row, a.entity_id AS _account_id, ${Object.keys(fields)
    .map((f) => `k.${q(f)}`)
    .join(", ")} FROM ${t("kept")} k LEFT JOIN ${t("account_ids")} a ON a.ref = k.ref`;
  return writeLayoutTable(run, d, "opportunities", fields, ["id", "_row", "_account_id"], select);
}
