import { partnerTableDefinition, type PartnerFileMapping } from "@abm-kit/sources";
import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";
import type { SqlRunner } from "../identity/sql-runner.js";
import { dunsSql, registrableDomainsSql } from "./domain-lookup.js";
import { relatedFields, type WrittenRelatedTable } from "./related-table.js";
import { writeRelatedRows } from "./write-related-rows.js";

/** A staged partner file (`partnerSpec(mapping)`) and its name as the reader reports it (the file's base name: `StagedFile.file`). */
export interface StagedPartnerFile {
  readonly table: string;
  readonly file: string;
}

/** What {@link writePartnerTable} reads. */
export interface PartnerTableInput {
  /** The mapping the files were staged with. */
  readonly mapping: PartnerFileMapping;
  /** The staged files of this mapping, in load order. */
  readonly files: readonly StagedPartnerFile[];
  /** The layout's accounts table, written before (default `accounts`), with its `id`, `domain` and `duns` columns. */
  readonly accounts?: string;
  /** The prefix of the work tables it leaves behind (default `pt_<table>_`). */
  readonly prefix?: string;
}

/**
 * Writes the related table of a partner mapping (`related_<table>` and
 * `related_<table>_owners`) from its staged files, as `toSnapshot` builds it:
 * every row with its key as written and the mapping's fields; its owners the
 * accounts of the accounts table whose registrable domain (for `keyedBy:
 * "domain"`) or DUNS digits (`"duns"`) equal the key's — none, one or several.
 */
export async function writePartnerTable(run: SqlRunner, d: WarehouseDialect, input: PartnerTableInput): Promise<WrittenRelatedTable> {
  const q = d.quote;
  const { mapping } = input;
  const prefix = input.prefix ?? `pt_${mapping.table}_`;
  const t = (name: string) => q(`${prefix}${name}`);
  const accounts = q(input.accounts ?? "accounts");
  const fields = relatedFields(partnerTableDefinition(mapping).fields);
  const rows = input.files.map(
    (f) =>
      `SELECT ${d.literal(`${f.file}:`)} || CAST(s._record + 1 AS VARCHAR) AS row_id, s.${q(mapping.keyColumn)} AS key${Object.entries(mapping.fields)
        .map(([name, field]) => `, s.${q(field.column)} AS ${q(name)}`)
        .join("")} FROM ${q(f.table)} s`,
  );
  await run(`CREATE TABLE ${t("rows")} AS SELECT row_number() OVER (ORDER BY key, row_id) - 1 AS _row, * FROM (${rows.join("\nUNION ALL\n")}) u`);
  let owners: string;
  if (mapping.keyedBy === "domain") {
    await registrableDomainsSql(run, d, `${prefix}domains`, `SELECT key AS text FROM ${t("rows")} UNION SELECT domain AS text FROM ${accounts}`);
    owners = `SELECT r._row, a.id AS _owner_id FROM ${t("rows")} r JOIN ${t("domains")} k ON k.text = r.key JOIN ${t("domains")} m ON m.domain = k.domain JOIN ${accounts} a ON a.domain = m.text`;
  } else {
    owners = `SELECT r._row, a.id AS _owner_id FROM ${t("rows")} r JOIN ${accounts} a ON ${dunsSql("a.duns")} = ${dunsSql("r.key")}`;
  }
  return writeRelatedRows(run, d, mapping.table, { keyedBy: mapping.keyedBy, ownerKind: "account", fields }, `SELECT * FROM ${t("rows")}`, owners);
}
