import { ownedProductsTable } from "@abm-kit/sources";
import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";
import type { EntityIdTables } from "../events/write-person-events.js";
import { resolveRefsInSql } from "../identity/resolve-refs-sql.js";
import type { SqlRunner } from "../identity/sql-runner.js";
import { relatedFields, type WrittenRelatedTable } from "./related-table.js";
import { writeRelatedRows } from "./write-related-rows.js";

/** What {@link writeOwnedProducts} reads. */
export interface OwnedProductsInput {
  /** Staged Salesforce Asset tables (`salesforceSpec("Asset")`), in load order. */
  readonly assets: readonly string[];
  /** Staged Salesforce Product2 tables, in load order (a later file's product replaces an earlier one's, as `loadExports` reads them). */
  readonly products?: readonly string[];
  /** The accounts' identity values and unified ids. */
  readonly accounts: EntityIdTables;
  /** The related table's name (the reader's `ownedProductsTable` option; default `ownedProducts`). */
  readonly name?: string;
  /** The prefix of the work tables it leaves behind (default `rp_`). */
  readonly prefix?: string;
}

/**
 * Writes the related table of owned products (`related_ownedProducts` and
 * `related_ownedProducts_owners`) from staged Asset tables, as `toSnapshot`
 * builds it from the Asset reader's rows: the product named by the asset's
 * `Product2.Name`, else its Product2 record's name, else its own `Name` (an
 * asset with none is rejected by the reader), code and family likewise, the
 * quantity, purchase date and status; `key` and the owner are the unified
 * account of the asset's AccountId (assets whose account matches no account,
 * or several, are left out).
 */
export async function writeOwnedProducts(run: SqlRunner, d: WarehouseDialect, input: OwnedProductsInput): Promise<WrittenRelatedTable> {
  const q = d.quote;
  const prefix = input.prefix ?? "rp_";
  const t = (name: string) => q(`${prefix}${name}`);
  const definition = ownedProductsTable(input.name === undefined ? {} : { ownedProductsTable: input.name });
  const products = input.products ?? [];
  const productRows = products.map((table, i) => `SELECT ${i} AS part, "Id" AS id, "Name" AS name, "Family" AS family, "ProductCode" AS code FROM ${q(table)}`);
  await run(
    productRows.length === 0
      ? `CREATE TABLE ${t("products")} (id VARCHAR, name VARCHAR, family VARCHAR, code VARCHAR)`
      : `CREATE TABLE ${t("products")} AS SELECT id, name, family, code FROM (SELECT u.*, row_number() OVER (PARTITION BY id ORDER BY part DESC) AS copy FROM (${productRows.join(" UNION ALL ")}) u) v WHERE copy = 1`,
  );
  const col = (name: string) => `s.${q(name)}`;
  const assets = input.assets.map(
    (table, i) =>
      `SELECT ${i} AS part, s._record AS record, ${col("Id")} AS row_id, ${col("AccountId")} AS account, coalesce(${col("Product2.Name")}, p.name, ${col("Name")}) AS product, ${col("Product2Id")} AS ${q("productId")}, coalesce(${col("ProductCode")}, ${col("Product2.ProductCode")}, p.code) AS ${q("productCode")}, coalesce(${col("Product2.Family")}, p.family) AS ${q("productFamily")}, ${col("Quantity")} AS quantity, ${col("PurchaseDate")} AS ${q("purchaseDate")}, ${col("Status")} AS status FROM ${q(table)} s LEFT JOIN ${t("products")} p ON p.id = ${col("Product2Id")}`,
  );
  await run(
    `CREATE TABLE ${t("rows")} AS SELECT row_number() OVER (ORDER BY part, record) AS ref, * FROM (${assets.join("\nUNION ALL\n")}) u WHERE product IS NOT NULL`,
  );
  await run(`CREATE TABLE ${t("account_refs")} AS SELECT ref, 'salesforce.account' AS namespace, account AS value FROM ${t("rows")}`);
  await resolveRefsInSql(run, d, { refs: `${prefix}account_refs`, values: input.accounts.values, clusters: input.accounts.clusters }, `${prefix}account_ids`);
  const fields = relatedFields(definition.fields);
  await run(
    `CREATE TABLE ${t("kept")} AS SELECT row_number() OVER (ORDER BY a.entity_id, r.row_id, r.ref) - 1 AS _row, a.entity_id AS key, ${Object.keys(fields)
      .filter((f) => f !== "key")
      .map((f) => `r.${q(f)}`)
      .join(", ")} FROM ${t("rows")} r JOIN ${t("account_ids")} a ON a.ref = r.ref WHERE a.entity_id IS NOT NULL`,
  );
  return writeRelatedRows(
    run,
    d,
    definition.name,
    { keyedBy: "account", ownerKind: "account", fields },
    `SELECT * FROM ${t("kept")}`,
    `SELECT _row, key AS _owner_id FROM ${t("kept")}`,
  );
}
