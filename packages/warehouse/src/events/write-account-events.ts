import type { PartnerFileMapping } from "@abm-kit/sources";
import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";
import type { SqlRunner } from "../identity/sql-runner.js";
import { dunsSql, registrableDomainsSql } from "../related/domain-lookup.js";
import type { StagedPartnerFile } from "../related/write-partner-table.js";
import { eventCellsSql } from "./event-cells-sql.js";
import { keepFirstEventCopies } from "./first-event-copies.js";
import { writeEventTable, type WrittenTable } from "./write-event-table.js";

/** What {@link writeAccountEvents} reads. */
export interface AccountEventsInput {
  /** Staged partner files by mapping, in load order; mappings without `accountEvents` add no events. */
  readonly partners: readonly { readonly mapping: PartnerFileMapping; readonly files: readonly StagedPartnerFile[] }[];
  /** `(entity_id, domain)`: every domain (website) a source record of an account states, with the account's unified id. */
  readonly accountDomains: string;
  /** `(entity_id, duns)`: likewise every DUNS number (needed only for DUNS-keyed mappings with events). */
  readonly accountDuns?: string;
  /** The prefix of the work tables it leaves behind (default `ae_`). */
  readonly prefix?: string;
}

/**
 * Writes the layout's `account_events` table from staged partner files whose
 * mapping has `accountEvents` (intent surges), as `toSnapshot` builds it: an
 * event per row that passes the mapping's minimum and has its date, id
 * `<system>:<file>:<line>`, at midnight UTC of a date, with the mapping's
 * properties; its owner the one account whose source records state the
 * registrable domain (or DUNS digits) of the row's key — a key that matches
 * no account, or several, has no event, as in the identity graph.
 */
export async function writeAccountEvents(run: SqlRunner, d: WarehouseDialect, input: AccountEventsInput): Promise<WrittenTable> {
  const q = d.quote;
  const prefix = input.prefix ?? "ae_";
  const t = (name: string) => q(`${prefix}${name}`);
  const rows: string[] = [];
  const props: string[] = [];
  input.partners.forEach(({ mapping, files }, m) => {
    const ev = mapping.accountEvents;
    if (ev === undefined) return;
    const column = (field: string) => `s.${q(mapping.fields[field]!.column)}`;
    files.forEach((f, i) => {
      const at = column(ev.at);
      const gate = ev.minimum ? `${column(ev.minimum.field)} >= ${ev.minimum.value}` : "TRUE";
      rows.push(
        `SELECT ${m} AS part, ${i} AS file_part, s._record AS record, ${d.literal(`${mapping.system}:${f.file}:`)} || CAST(s._record + 1 AS VARCHAR) AS id, ${d.literal(ev.type)} AS type, CASE WHEN length(${at}) = 10 THEN ${at} || 'T00:00:00.000Z' ELSE ${at} END AS occurred_at, CAST(NULL AS VARCHAR) AS source_key, ${d.literal(mapping.keyedBy)} AS key_kind, s.${q(mapping.keyColumn)} AS key, ${m} AS m, ${i} AS f FROM ${q(f.table)} s WHERE ${at} IS NOT NULL AND coalesce(${gate}, FALSE)`,
      );
    });
    (ev.properties ?? []).forEach((field, pos) => {
      const type = mapping.fields[field]!.type;
      if (type === "multi") return;
      const value = `t.${q(mapping.fields[field]!.column)}`;
      const kind = type === "number" ? "number" : type === "boolean" ? "boolean" : "string";
      const txt =
        type === "number" ? "CAST(NULL AS VARCHAR)" : type === "boolean" ? `CASE WHEN ${value} THEN 'true' ELSE 'false' END` : `CAST(${value} AS VARCHAR)`;
      const num = type === "number" ? `CAST(${value} AS ${d.doubleType})` : `CAST(NULL AS ${d.doubleType})`;
      files.forEach((f, i) =>
        props.push(
          `SELECT s.ref, TRUE AS fixed, 0 AS prio, ${pos} AS pos, ${d.literal(field)} AS key, ${d.literal(kind)} AS kind, ${txt} AS txt, ${num} AS num FROM ${t("src")} s JOIN ${q(f.table)} t ON s.m = ${m} AND s.f = ${i} AND t._record = s.record WHERE ${value} IS NOT NULL`,
        ),
      );
    });
  });
  const empty = `SELECT 0 AS part, 0 AS file_part, 0 AS record, CAST(NULL AS VARCHAR) AS id, CAST(NULL AS VARCHAR) AS type, CAST(NULL AS VARCHAR) AS occurred_at, CAST(NULL AS VARCHAR) AS source_key, CAST(NULL AS VARCHAR) AS key_kind, CAST(NULL AS VARCHAR) AS key, 0 AS m, 0 AS f WHERE FALSE`;
  await run(
    `CREATE TABLE ${t("src")} AS SELECT row_number() OVER (ORDER BY part, file_part, record) AS ref, * FROM (${rows.length > 0 ? rows.join("\nUNION ALL\n") : empty}) u`,
  );
  await run(
    `CREATE TABLE ${t("raw")} AS ${[`SELECT CAST(NULL AS BIGINT) AS ref, TRUE AS fixed, 0 AS prio, 0 AS pos, CAST(NULL AS VARCHAR) AS key, CAST(NULL AS VARCHAR) AS kind, CAST(NULL AS VARCHAR) AS txt, CAST(NULL AS ${d.doubleType}) AS num WHERE FALSE`, ...props].join("\nUNION ALL\n")}`,
  );
  if (rows.length > 0)
    await registrableDomainsSql(
      run,
      d,
      `${prefix}domains`,
      `SELECT key AS text FROM ${t("src")} WHERE key_kind = 'domain' UNION SELECT domain AS text FROM ${q(input.accountDomains)}`,
    );
  const byDomain = `SELECT s.ref, a.entity_id FROM ${t("src")} s JOIN ${t("domains")} k ON k.text = s.key JOIN ${t("domains")} m ON m.domain = k.domain JOIN ${q(input.accountDomains)} a ON a.domain = m.text WHERE s.key_kind = 'domain'`;
  const byDuns =
    input.accountDuns === undefined
      ? undefined
      : `SELECT s.ref, a.entity_id FROM ${t("src")} s JOIN ${q(input.accountDuns)} a ON ${dunsSql("a.duns")} = ${dunsSql("s.key")} WHERE s.key_kind = 'duns'`;
  const matches =
    rows.length === 0
      ? "SELECT CAST(NULL AS BIGINT) AS ref, CAST(NULL AS VARCHAR) AS entity_id WHERE FALSE"
      : [byDomain, byDuns].filter((x) => x !== undefined).join(" UNION ALL ");
  await run(
    `CREATE TABLE ${t("owner_ids")} AS SELECT s.ref, CASE WHEN count(DISTINCT m.entity_id) = 1 THEN min(m.entity_id) END AS entity_id FROM ${t("src")} s LEFT JOIN (${matches}) m ON m.ref = s.ref GROUP BY s.ref`,
  );
  await keepFirstEventCopies(run, d, prefix);
  const properties = await eventCellsSql(run, d, prefix, (key) => key);
  return writeEventTable(run, d, "accountEvents", prefix, properties);
}
