import type { FieldType } from "@abm-kit/core";
import type { SqlLayout } from "@abm-kit/audience-sql";
import { relatedOwnersSqlTable, relatedSqlTable, TABLE_NAMES } from "@abm-kit/audience-sql/internal";
import { ownedProductsTable, type ExportFile, type PartnerFileMapping } from "@abm-kit/sources";
import { writeAccountEvents } from "../events/write-account-events.js";
import type { WrittenTable } from "../events/write-event-table.js";
import { writePersonEvents } from "../events/write-person-events.js";
import { writeOwnedProducts } from "../related/write-owned-products.js";
import { writePartnerTable } from "../related/write-partner-table.js";
import type { WrittenRelatedTable } from "../related/related-table.js";
import { writeCampaignMembers } from "../tables/write-campaign-members.js";
import { writeCampaigns } from "../tables/write-campaigns.js";
import { writeOpportunities, type StagedOpportunityTable } from "../tables/write-opportunities.js";
import { writeOpportunityRoles } from "../tables/write-opportunity-roles.js";
import type { StagedExport } from "./staged-export.js";
import type { FilledTable, WarehouseLoadContext, WarehouseTableFiller } from "./table-filler.js";

type Table = Exclude<FilledTable, `related:${string}`>;

const isSalesforce = (e: StagedExport, object: string) => e.file.source === "salesforce" && e.file.object === object;
const isMarketo = (e: StagedExport, name: string) => e.file.source === "marketo" && e.file.export === name;
const fieldTypesOf = (e: StagedExport): { fieldTypes?: Readonly<Record<string, FieldType>> } => {
  const types = e.file.source === "salesforce" || e.file.source === "marketo" ? e.file.options?.fieldTypes : undefined;
  return types === undefined ? {} : { fieldTypes: types };
};

/** A filler of one Snapshot table: drops the empty table `layoutDdl` created, writes it again, and sets its fields in the layout. */
function tableFiller(table: Table, write: (c: WarehouseLoadContext) => Promise<WrittenTable>): WarehouseTableFiller {
  return {
    name: `built-in ${table}`,
    tables: [table],
    layout: async () => ({}),
    async fill(context, layout) {
      await context.run(`DROP TABLE ${context.dialect.quote(TABLE_NAMES[table])}`);
      const written = await write(context);
      (layout as Record<Table, SqlLayout[Table]>)[table] = written.fields;
      return { [written.table]: written.rows };
    },
  };
}

/** A filler of one related table (and its owners table), likewise. */
function relatedFiller(name: string, write: (c: WarehouseLoadContext) => Promise<WrittenRelatedTable>): WarehouseTableFiller {
  return {
    name: `built-in related table ${name}`,
    tables: [`related:${name}`],
    layout: async () => ({}),
    async fill(context, layout) {
      const q = context.dialect.quote;
      await context.run(`DROP TABLE ${q(relatedOwnersSqlTable(name))}`);
      await context.run(`DROP TABLE ${q(relatedSqlTable(name))}`);
      const written = await write(context);
      layout.related[name] = written.related;
      return { [relatedSqlTable(name)]: written.rows, [relatedOwnersSqlTable(name)]: written.ownerRows };
    },
  };
}

/** The staged partner files, by mapping, in load order. */
function partnersOf(context: WarehouseLoadContext): { mapping: PartnerFileMapping; files: { table: string; file: string }[] }[] {
  const byMapping = new Map<PartnerFileMapping, { table: string; file: string }[]>();
  for (const e of context.exports) {
    if (e.file.source !== "partner") continue;
    const files = byMapping.get(e.file.mapping) ?? [];
    files.push({ table: e.staged.table, file: e.staged.file });
    byMapping.set(e.file.mapping, files);
  }
  return [...byMapping].map(([mapping, files]) => ({ mapping, files }));
}

/**
 * The fillers `loadExportsIntoWarehouse` uses by default, for the tables the
 * files give rows to and no filler of the caller claims: `personEvents`
 * (Marketo activities), `accountEvents` (partner files with account events),
 * `opportunities` (Salesforce Opportunity, Marketo opportunities),
 * `opportunityRoles`, `campaigns`, `campaignMembers`, the owned products of
 * Salesforce Asset files (with Product2), and the related table of each
 * partner mapping that `relatedTables` declares. They run after the caller's
 * fillers, in this order (roles read the opportunities table, members the
 * campaigns table, partner tables the accounts table).
 */
export function builtInFillers(
  files: readonly ExportFile[],
  relatedTables: readonly { readonly name: string }[],
  claimed: ReadonlySet<string>,
): WarehouseTableFiller[] {
  const has = (test: (f: ExportFile) => boolean) => files.some((f) => typeof f === "object" && f !== null && test(f));
  const sf = (object: string) => has((f) => f.source === "salesforce" && f.object === object);
  const mk = (name: string) => has((f) => f.source === "marketo" && f.export === name);
  const fillers: WarehouseTableFiller[] = [];
  const add = (filler: WarehouseTableFiller) => {
    if (!filler.tables.some((t) => claimed.has(t))) fillers.push(filler);
  };
  const ids = (c: WarehouseLoadContext, kind: "persons" | "accounts") => ({ values: c[kind].values, clusters: c[kind].clusters });

  if (mk("activities"))
    add(
      tableFiller("personEvents", (c) =>
        writePersonEvents(c.run, c.dialect, {
          activities: c.exports
            .filter((e) => isMarketo(e, "activities"))
            .map((e) => {
              const options = e.file.source === "marketo" ? e.file.options : undefined;
              return {
                table: e.staged.table,
                ...(options?.instance !== undefined ? { instance: options.instance } : {}),
                ...(options?.activityTypes !== undefined ? { activityTypes: options.activityTypes } : {}),
              };
            }),
          persons: ids(c, "persons"),
          prefix: `${c.prefix}pe_`,
        }),
      ),
    );
  if (has((f) => f.source === "partner" && f.mapping.accountEvents !== undefined))
    add(
      tableFiller("accountEvents", async (c) => {
        const q = c.dialect.quote;
        const domains = `${c.prefix}ae_account_websites`;
        const duns = `${c.prefix}ae_account_duns`;
        // the registrable domain of a record's website is what the events' keys are matched on: registrableDomain of it is itself
        await c.run(`CREATE TABLE ${q(domains)} AS SELECT account_id AS entity_id, domain FROM ${q(c.links.accountDomains)}`);
        await c.run(`CREATE TABLE ${q(duns)} AS SELECT account_id AS entity_id, duns FROM ${q(c.links.accountDuns)}`);
        return writeAccountEvents(c.run, c.dialect, { partners: partnersOf(c), accountDomains: domains, accountDuns: duns, prefix: `${c.prefix}ae_` });
      }),
    );
  if (sf("Opportunity") || mk("opportunities"))
    add(
      tableFiller("opportunities", (c) =>
        writeOpportunities(c.run, c.dialect, {
          opportunities: c.exports
            .filter((e) => isSalesforce(e, "Opportunity") || isMarketo(e, "opportunities"))
            .map(
              (e): StagedOpportunityTable => ({
                table: e.staged.table,
                source: e.file.source === "salesforce" ? "salesforce:Opportunity" : "marketo:opportunities",
                ...fieldTypesOf(e),
              }),
            ),
          accounts: ids(c, "accounts"),
          sourcePrecedence: c.identity.accounts.sourcePrecedence,
          prefix: `${c.prefix}op_`,
        }),
      ),
    );
  if (sf("OpportunityContactRole"))
    add(
      tableFiller("opportunityRoles", (c) =>
        writeOpportunityRoles(c.run, c.dialect, {
          roles: c.exports.filter((e) => isSalesforce(e, "OpportunityContactRole")).map((e) => ({ table: e.staged.table, ...fieldTypesOf(e) })),
          persons: ids(c, "persons"),
          prefix: `${c.prefix}or_`,
        }),
      ),
    );
  if (sf("Campaign"))
    add(
      tableFiller("campaigns", (c) =>
        writeCampaigns(c.run, c.dialect, {
          campaigns: c.exports.filter((e) => isSalesforce(e, "Campaign")).map((e) => ({ table: e.staged.table, ...fieldTypesOf(e) })),
          prefix: `${c.prefix}cp_`,
        }),
      ),
    );
  if (sf("CampaignMember"))
    add(
      tableFiller("campaignMembers", (c) =>
        writeCampaignMembers(c.run, c.dialect, {
          members: c.exports.filter((e) => isSalesforce(e, "CampaignMember")).map((e) => ({ table: e.staged.table, ...fieldTypesOf(e) })),
          persons: ids(c, "persons"),
          prefix: `${c.prefix}cm_`,
        }),
      ),
    );
  // one owned-products table per name the Asset files give (the reader's ownedProductsTable option)
  const productNames = new Set(
    files
      .filter((f) => f.source === "salesforce" && f.object === "Asset")
      .map((f) => ownedProductsTable(f.source === "salesforce" ? (f.options ?? {}) : {}).name),
  );
  for (const name of productNames)
    add(
      relatedFiller(name, (c) =>
        writeOwnedProducts(c.run, c.dialect, {
          assets: c.exports
            .filter((e) => isSalesforce(e, "Asset") && e.file.source === "salesforce" && ownedProductsTable(e.file.options ?? {}).name === name)
            .map((e) => e.staged.table),
          products: c.exports.filter((e) => isSalesforce(e, "Product2")).map((e) => e.staged.table),
          accounts: ids(c, "accounts"),
          name,
          prefix: `${c.prefix}rp_${name}_`,
        }),
      ),
    );
  const declared = new Set(relatedTables.map((t) => t.name));
  const partnerTables = new Set(files.flatMap((f) => (f.source === "partner" && declared.has(f.mapping.table) ? [f.mapping.table] : [])));
  for (const table of partnerTables)
    add(
      relatedFiller(table, async (c) => {
        const partners = partnersOf(c).filter((p) => p.mapping.table === table);
        // the files of every mapping of the table, written with the first one (the declared table has one definition)
        const files = partners.flatMap((p) => p.files);
        return writePartnerTable(c.run, c.dialect, { mapping: partners[0]!.mapping, files, prefix: `${c.prefix}pt_${table}_` });
      }),
    );
  return fillers;
}
