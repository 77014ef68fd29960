import { basename } from "node:path";
import { resolveIdentityConfig, ValidationError, type IdentityConfigInput, type Problem, type RelatedTableDefinition } from "@abm-kit/core";
import { layoutDdl, type DialectName, type SqlLayout } from "@abm-kit/audience-sql";
import { TABLE_NAMES } from "@abm-kit/audience-sql/internal";
import { mappedSpec, marketoSpec, partnerSpec, salesforceSpec, type ExportFile, type ObjectSpec } from "@abm-kit/sources";
import { warehouseDialect } from "../dialect/warehouse-dialect.js";
import { duckdbRunner, postgresRunner, type SqlRunner } from "../identity/sql-runner.js";
import { loadStep } from "../load/load-failed.js";
import { stageCsvInDuckDB, type DuckDBRunner, type StageCsvOptions } from "../load/stage-duckdb.js";
import { stageCsvInPostgres, type PostgresRunner } from "../load/stage-postgres.js";
import type { StagedFile } from "../load/stage-result.js";
import { planEntity } from "./attribute-plan.js";
import { builtInFillers } from "./built-in-fillers.js";
import { defaultLayout } from "./default-layout.js";
import { registrableDomainsInSql } from "./domains-sql.js";
import { entitySourceOf, type EntitySource } from "./entity-exports.js";
import { entityColumns, fillEntityTable, fillLinkTable } from "./fill-entity-tables.js";
import { linksInSql } from "./links-sql.js";
import type { StagedExport } from "./staged-export.js";
import type { WarehouseLoadContext, WarehouseTableFiller } from "./table-filler.js";
import { recordFieldSql, unifyEntitiesInSql } from "./unify-entities.js";

/** The database to load into: a DuckDB connection (`@duckdb/node-api`) or a PostgreSQL client (`pg`). */
export type WarehouseTarget =
  | { readonly dialect: "duckdb"; readonly connection: DuckDBRunner }
  | { readonly dialect: "postgres"; readonly client: PostgresRunner };

/** Options of {@link loadExportsIntoWarehouse}: those of `loadExports` and `toSnapshot` that shape the tables, and the fillers. */
export interface WarehouseLoadOptions {
  /** The identity settings (as `loadExports`' `identity`). */
  readonly identity?: IdentityConfigInput;
  /** Related tables beside those the readers declare (as `toSnapshot`'s `relatedTables`); a name declared here wins. */
  readonly relatedTables?: readonly RelatedTableDefinition[];
  /** The SQL of the other layout tables (see {@link WarehouseTableFiller}). */
  readonly fillers?: readonly WarehouseTableFiller[];
  /** The prefix of the staged and work tables (default `wh_`); the layout's tables keep their names. */
  readonly prefix?: string;
  /** The problems table of the staged files (default `load_problems`). */
  readonly problemsTable?: string;
}

/** What {@link loadExportsIntoWarehouse} did. */
export interface WarehouseLoadResult {
  /** Each file's counts (read, loaded, rejected) and staged table, in the order given; problems are in the problems table. */
  readonly files: readonly StagedFile[];
  readonly persons: number;
  readonly accounts: number;
  readonly links: number;
  /** Rows written per layout table (every table of the layout, 0 when empty). */
  readonly tables: Readonly<Record<string, number>>;
  /** The layout of the tables created (pass it to `compileAudienceSql`). */
  readonly layout: SqlLayout;
  /** Rounds of label propagation of the person and the account clustering. */
  readonly rounds: { readonly persons: number; readonly accounts: number };
}

function specOf(file: ExportFile): ObjectSpec {
  switch (file.source) {
    case "salesforce":
      return salesforceSpec(file.object, file.options);
    case "marketo":
      return marketoSpec(file.export, file.options);
    case "partner":
      return partnerSpec(file.mapping);
    case "mapped":
      return mappedSpec(file.mapping);
  }
}

function nameOf(file: ExportFile & { readonly path: string }): string {
  const named = file.source === "salesforce" || file.source === "marketo" ? file.options?.name : undefined;
  return named ?? file.name ?? basename(file.path);
}

function checkFiles(files: readonly ExportFile[], fillers: readonly WarehouseTableFiller[]): void {
  const problems: Problem[] = [];
  files.forEach((file, i) => {
    if (typeof file !== "object" || file === null || !("path" in file) || typeof file.path !== "string" || file.path === "")
      problems.push({ path: ["files", i, "path"], message: "warehouse mode loads files by path (text inputs are not supported)" });
    else if (file.path.toLowerCase().endsWith(".json"))
      problems.push({ path: ["files", i, "path"], message: "warehouse mode loads CSV files; JSON exports are not supported yet" });
  });
  const owner = new Map<string, string>();
  fillers.forEach((filler, i) => {
    for (const table of filler.tables) {
      const before = owner.get(table);
      if (before !== undefined) problems.push({ path: ["fillers", i, "tables"], message: `${filler.name} and ${before} both fill ${table}` });
      else owner.set(table, filler.name);
    }
  });
  if (problems.length > 0) throw new ValidationError("loadExportsIntoWarehouse's arguments", problems);
}

/**
 * Loads export files straight into DuckDB or PostgreSQL and writes the
 * Snapshot layout's tables of `@abm-kit/audience-sql` from them, all in SQL,
 * with no Snapshot in memory: each file is staged (`stageCsvInDuckDB` /
 * `stageCsvInPostgres`, problems in the problems table); persons and accounts
 * are clustered (`clusterRecordsInSql`) and merged — standard fields,
 * attributes and consent — by the identity graph's rules; links are resolved
 * and merged as `toSnapshot` merges them; then every layout table is created
 * (`layoutDdl`) and `persons`, `accounts` and `links` are filled, equal to
 * what `writeSnapshotToDuckDB` / `writeSnapshotToPostgres` write for
 * `toSnapshot(loadExports(files, { identity }).graph)`. The other tables are
 * filled by `fillers`, or created empty. Staged and work tables stay (named
 * with `prefix`), for fillers and for inspection.
 *
 * Files are loaded by path, as CSV. An engine error is a `WarehouseLoadError`;
 * bad arguments, and an attribute with two types in two files, a `ValidationError`.
 */
export async function loadExportsIntoWarehouse(
  target: WarehouseTarget,
  files: readonly ExportFile[],
  options: WarehouseLoadOptions = {},
): Promise<WarehouseLoadResult> {
  const ownFillers = options.fillers ?? [];
  checkFiles(files, ownFillers);
  const claimed = new Set<string>(ownFillers.flatMap((f) => f.tables));
  const fillers = [...ownFillers, ...builtInFillers(files, options.relatedTables ?? [], claimed)];
  const identity = resolveIdentityConfig(options.identity);
  const prefix = options.prefix ?? "wh_";
  const d = warehouseDialect(target.dialect);
  const engine = target.dialect === "duckdb" ? "DuckDB" : "PostgreSQL";
  const rawRun: SqlRunner = target.dialect === "duckdb" ? duckdbRunner(target.connection) : postgresRunner(target.client);
  // DuckDB: a checkpoint after each dropped work table and staged file releases what the dropped tables held in the
  // buffer manager; without it a later statement at scale 5 ran out of a 400MB memory_limit that it fits after one
  const checkpoint = () => (target.dialect === "duckdb" ? loadStep(engine, "the layout tables", () => rawRun("CHECKPOINT")) : Promise.resolve([]));
  const run: SqlRunner = async (sql) => {
    const rows = await loadStep(engine, "the layout tables", () => rawRun(sql));
    if (/^\s*DROP\s/i.test(sql)) await checkpoint();
    return rows;
  };
  const stage = async (o: StageCsvOptions) => {
    const staged = await (target.dialect === "duckdb" ? stageCsvInDuckDB(target.connection, o) : stageCsvInPostgres(target.client, o));
    await checkpoint();
    return staged;
  };

  const exports: StagedExport[] = [];
  for (const [i, file] of files.entries()) {
    const path = (file as { readonly path: string }).path;
    const spec = specOf(file);
    const fieldTypes = file.source === "salesforce" || file.source === "marketo" ? file.options?.fieldTypes : undefined;
    const table = `${prefix}file${i}_${spec.kind.replace(/[^A-Za-z0-9]+/g, "_").toLowerCase()}`;
    const staged = await stage({
      path,
      spec,
      table,
      file: nameOf(file as ExportFile & { readonly path: string }),
      ...(options.problemsTable !== undefined ? { problemsTable: options.problemsTable } : {}),
      ...(fieldTypes !== undefined ? { fieldTypes } : {}),
    });
    exports.push({ file, kind: spec.kind, spec, staged });
  }
  const stagedTypes = new Map<string, Readonly<Record<string, string>>>(
    exports.map((e) => [
      e.staged.table,
      Object.fromEntries(e.staged.columns.map((c) => [c, Object.hasOwn(e.spec.columns, c) ? e.spec.columns[c]! : (e.staged.extraTypes[c] ?? "string")])),
    ]),
  );
  const sources = exports.map(entitySourceOf).filter((s): s is EntitySource => s !== undefined);
  const personSources = sources.filter((s) => s.kind === "person");
  const accountSources = sources.filter((s) => s.kind === "account");
  const personPlan = planEntity("person", personSources);
  const accountPlan = planEntity("account", accountSources);
  const persons = await unifyEntitiesInSql(run, d, identity, personPlan, personSources, stagedTypes, prefix);
  const accounts = await unifyEntitiesInSql(run, d, identity, accountPlan, accountSources, stagedTypes, prefix);
  const q = d.quote;
  const accountDomainSources = `${prefix}account_record_domains`;
  await run(`CREATE TABLE ${q(accountDomainSources)} AS ${recordFieldSql(d, accountSources, accounts, "domain", stagedTypes)}`);
  const accountDunsSources = `${prefix}account_record_duns`;
  await run(`CREATE TABLE ${q(accountDunsSources)} AS ${recordFieldSql(d, accountSources, accounts, "duns", stagedTypes)}`);
  const domains = `${prefix}domains`;
  await registrableDomainsInSql(
    run,
    d,
    [
      `SELECT value AS raw FROM ${q(persons.values)} WHERE namespace = 'email'`,
      `SELECT raw FROM ${q(accountDomainSources)}`,
      ...sources.flatMap((s) =>
        s.links
          .filter((l) => l.account[0] === "domain" && stagedTypes.get(s.table)?.[l.account[1]] !== undefined)
          .map((l) => `SELECT CAST(${q(l.account[1])} AS ${d.name === "duckdb" ? "VARCHAR" : "text"}) AS raw FROM ${q(s.table)}`),
      ),
    ].join(" UNION "),
    domains,
    identity.extraFreeMailDomains,
  );
  const links = await linksInSql(run, d, identity, sources, stagedTypes, persons, accounts, accountDomainSources, accountDunsSources, domains, prefix);

  const declaredTables = new Map<string, RelatedTableDefinition>();
  for (const e of exports) for (const t of e.spec.relatedTables ?? []) if (!declaredTables.has(t.name)) declaredTables.set(t.name, t);
  for (const t of options.relatedTables ?? []) declaredTables.set(t.name, t);
  const context: WarehouseLoadContext = {
    run,
    dialect: d,
    identity,
    exports,
    persons,
    accounts,
    links,
    domains,
    prefix,
    relatedTables: [...declaredTables.values()],
  };
  const personColumns = await entityColumns(run, d, personPlan, persons);
  const accountColumns = await entityColumns(run, d, accountPlan, accounts);
  const layout: SqlLayout = defaultLayout(exports, context.relatedTables);
  layout.persons = personColumns.fields;
  layout.accounts = accountColumns.fields;
  for (const filler of fillers) {
    const part = await filler.layout(context);
    const { related, ...tables } = part;
    Object.assign(layout, tables);
    if (related) Object.assign(layout.related, related);
  }
  for (const sql of layoutDdl(layout, target.dialect satisfies DialectName)) await run(sql);
  const counts: Record<string, number> = {};
  const [personCount, accountCount] = [
    await fillEntityTable(run, d, layout, "person", persons, personColumns),
    await fillEntityTable(run, d, layout, "account", accounts, accountColumns),
  ];
  const linkCount = await fillLinkTable(run, d, layout, links);
  for (const filler of fillers) Object.assign(counts, await filler.fill(context, layout));
  for (const table of Object.values(TABLE_NAMES)) {
    const [row] = await run(`SELECT count(*) AS n FROM ${q(table)}`);
    counts[table] = Number(row!.n);
  }
  return {
    files: exports.map((e) => e.staged),
    persons: personCount,
    accounts: accountCount,
    links: linkCount,
    tables: counts,
    layout,
    rounds: { persons: persons.rounds, accounts: accounts.rounds },
  };
}
