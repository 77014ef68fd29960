import { STANDARD_FIELDS, ValidationError, type DataUsageLabel, type FieldDefinitions, type Problem } from "@abm-kit/core";
import { SqlLayoutSchema, type SqlLayout } from "@abm-kit/audience-sql";
import type { ConsentRule } from "@abm-kit/guardrails";
import type { CellValue, DestinationMember } from "../definition/member.js";
import { mapMemberFields, type FieldReader } from "../mapping/map-member-fields.js";
import { memberFingerprint } from "../runtime/fingerprint.js";
import type { DesiredMembers, DesiredMembersRequest, MemberSource } from "../runtime/member-source.js";
import { emptySkipCounts } from "../runtime/run-report.js";
import { memberColumns, unsupportedSqlSource, type MemberColumns, type ValueRead } from "./member-columns.js";
import { memberQuery, type MemberQueryDialect } from "./member-query.js";
import { MemberSourceError } from "./member-source-error.js";
import type { SqlParamValue, SqlRowStream } from "./row-stream.js";

/** How many ids one re-read query binds (PostgreSQL allows 65,535 parameters; one query per file chunk of 10,000 rows). */
const IDS_PER_REREAD = 10_000;

/** The compiled audience a SQL member source streams: an output of `compileAudienceSql` or `compileCompositionSql`. */
export interface CompiledAudienceQuery {
  readonly audienceId: string;
  /** The name runs and files show (`compileCompositionSql` outputs carry one); defaults to the id. */
  readonly audienceName?: string;
  readonly type: "account" | "person";
  readonly dialect: string;
  /** The query; it returns the members' ids in column `id`, each once. */
  readonly sql: string;
  readonly params: readonly SqlParamValue[];
}

/** Options of {@link sqlMemberSource}. */
export interface SqlMemberSourceOptions {
  /** The compiled audience query (DuckDB or PostgreSQL dialect). */
  readonly query: CompiledAudienceQuery;
  /** The layout of the tables the query reads (as given to the compiler; `snapshotLayout(snapshot)` for tables a Snapshot was written to). */
  readonly layout: SqlLayout;
  /** Runs a query on the database holding the tables and streams its rows. */
  readonly rows: SqlRowStream;
  /** Declared fields per entity with their data-usage labels, as given to `buildSnapshot` (`fields.person`, `fields.account`); other fields carry core's standard labels. */
  readonly fields?: { readonly account?: FieldDefinitions; readonly person?: FieldDefinitions };
  /** The name runs and files show (default: the query's `audienceName`, else its id). */
  readonly audienceName?: string;
}

/** A cell of a streamed row as a mapped value: text, number, boolean, list of text, or null. */
function cellValue(value: unknown, memberId: string, column: number): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "bigint") return Number(value);
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value as string[];
  throw new MemberSourceError(
    "MEMBER_SOURCE_FAILED",
    `column c${column} of member ${memberId} holds a value the SQL member source cannot read (${typeof value})`,
    [{ path: ["rows", memberId, `c${column}`], message: "expected text, a number, a boolean, a list of text or null" }],
  );
}

/** The consent state of a person from its consent column's value (as `filterByConsent` reads the Snapshot's). */
function consentAllows(value: unknown, rule: ConsentRule): boolean {
  const state = value === "granted" ? "granted" : value === "denied" ? "denied" : "unknown";
  return state === "granted" || (state === "unknown" && (rule.allowUnknown ?? true));
}

/** Reads one streamed row's member id; a row without a text id is a failure of the source. */
function idOf(row: readonly unknown[]): string {
  const id = row[0];
  if (typeof id !== "string")
    throw new MemberSourceError("MEMBER_SOURCE_FAILED", "the member query gave a row without a text id", [{ path: ["rows"], message: "expected a text id" }]);
  return id;
}

/** Wraps an error the query runner raised as a typed one (typed errors pass through). */
async function* streamed(rows: SqlRowStream, sql: string, params: readonly SqlParamValue[], audienceId: string): AsyncGenerator<readonly unknown[]> {
  try {
    for await (const batch of rows(sql, params)) yield* batch;
  } catch (error) {
    if (error instanceof MemberSourceError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new MemberSourceError("MEMBER_SOURCE_FAILED", `the member query of audience ${audienceId} failed: ${message}`, [], { cause: error });
  }
}

function checkOptions(options: SqlMemberSourceOptions): { dialect: MemberQueryDialect; layout: SqlLayout } {
  const problems: Problem[] = [];
  const query = options.query as Partial<CompiledAudienceQuery> | undefined;
  if (query?.dialect !== "duckdb" && query?.dialect !== "postgres")
    problems.push({ path: ["query", "dialect"], message: `the SQL member source reads DuckDB and PostgreSQL; got ${JSON.stringify(query?.dialect)}` });
  if (query?.type !== "account" && query?.type !== "person") problems.push({ path: ["query", "type"], message: "an account or person audience" });
  if (typeof query?.sql !== "string" || typeof query.audienceId !== "string" || query.audienceId === "")
    problems.push({ path: ["query"], message: "a compiled audience query (audienceId, sql, params)" });
  if (typeof options.rows !== "function") problems.push({ path: ["rows"], message: "a function streaming a query's rows" });
  const layout = SqlLayoutSchema.safeParse(options.layout);
  if (!layout.success)
    for (const issue of layout.error.issues)
      problems.push({ path: ["layout", ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))], message: issue.message });
  if (problems.length > 0) throw new ValidationError("SQL member source options", problems);
  return { dialect: query!.dialect as MemberQueryDialect, layout: layout.data! };
}

/**
 * A member source that reads an audience from the database its compiled
 * query runs on, for a plan audience with `source: "sql"`. A run streams the
 * audience query joined to the accounts or persons table, selecting only the
 * columns the mapping and the consent rule read, and keeps per member only
 * its id and the fingerprint of its mapped fields (for the delta against the
 * state). The members to send (new and changed) are read again by id, 10,000
 * per query, when they are sent, and mapped with the same transforms and
 * hashing as the Snapshot path; a member that no longer maps then (the tables
 * changed during the run) raises `MEMBER_SOURCE_CHANGED`. Governance sees the
 * labels of `fields`, else core's standard labels. Not supported: `<type>.sourceKeys`
 * (unless the table has such a column) and the plan option `people`.
 *
 * @example
 * ```ts fragment
 * import { compileAudienceSql, snapshotLayout } from "@abm-kit/audience-sql";
 * import { activate, sqlMemberSource } from "@abm-kit/destinations";
 * import { duckdbRowStream } from "@abm-kit/warehouse";
 *
 * const query = compileAudienceSql(leaders, { dialect: "duckdb", now, layout });
 * const report = await activate(
 *   { ...plan, audiences: [{ audienceId: leaders.id, source: "sql" }] },
 *   { destination, audiences: [], memberSources: [sqlMemberSource({ query, layout, rows: duckdbRowStream(connection) })], now, state },
 * );
 * ```
 * @category Activate
 */
export function sqlMemberSource(options: SqlMemberSourceOptions): MemberSource {
  const { dialect, layout } = checkOptions(options);
  const { query, rows } = options;
  const type = query.type;
  const labelsOf = (source: string): readonly DataUsageLabel[] => {
    if (source === "id") return [];
    const [entity, ...rest] = source.split(".");
    if (entity !== "account" && entity !== "person") return [];
    const field = rest.join(".");
    return options.fields?.[entity]?.[field]?.labels ?? STANDARD_FIELDS[entity][field]?.labels ?? [];
  };
  return {
    audienceId: query.audienceId,
    audienceName: options.audienceName ?? query.audienceName ?? query.audienceId,
    type,
    labelsOf,
    unsupportedSource: (source) => unsupportedSqlSource(layout, type, source),
    desired: (request) => readDesired(request),
  };

  async function readDesired(request: DesiredMembersRequest): Promise<DesiredMembers> {
    const consent = type === "person" ? request.consent : undefined;
    const selected = memberColumns(layout, type, request.mapping, consent?.channel);
    const targets = new Map(request.targets.map((t) => [t.name, t]));
    const readers: FieldReader<ValueRead>[] = request.mapping.map((m, i) => ({ target: m.target, get: selected.reads[i]!, transforms: m.transforms }));
    /** Maps one streamed row, or says why its member is not sent. */
    const mapRow = (row: readonly unknown[]) => {
      const id = idOf(row);
      // without a text column for the channel, every person's consent is unknown (as on the Snapshot)
      if (consent !== undefined && !consentAllows(selected.consent === undefined ? null : row[selected.consent + 1], consent))
        return { ok: false as const, memberId: id, reason: "noConsent" as const, detail: "no consent on the plan's channel" };
      return mapMemberFields(id, readers, targets, (read) => readValue(read, id, row));
    };

    const skipped = emptySkipCounts();
    const fingerprints = new Map<string, string>();
    let given = 0;
    const sql = memberQuery(dialect, layout, type, selected.columns, { kind: "audience", sql: query.sql });
    for await (const row of streamed(rows, sql, query.params, query.audienceId)) {
      given++;
      if (request.excluded.has(idOf(row))) {
        skipped.excluded++;
        continue;
      }
      const mapped = mapRow(row);
      if (mapped.ok) fingerprints.set(mapped.member.memberId, memberFingerprint(mapped.member));
      else skipped[mapped.reason]++;
    }
    return {
      fingerprints,
      skipped,
      given,
      map: (ids) => reread(ids, selected, mapRow),
      fieldType: (table, field) => {
        const fields = table === "account" ? layout.accounts : layout.persons;
        return Object.hasOwn(fields, field) ? fields[field] : undefined;
      },
    };
  }

  /** Reads members again by id (to send them), in the order given. */
  async function reread(
    ids: readonly string[],
    selected: MemberColumns,
    mapRow: (row: readonly unknown[]) => ReturnType<typeof mapMemberFields>,
  ): Promise<DestinationMember[]> {
    const out: DestinationMember[] = [];
    for (let start = 0; start < ids.length; start += IDS_PER_REREAD) {
      const chunk = ids.slice(start, start + IDS_PER_REREAD);
      const sql = memberQuery(dialect, layout, type, selected.columns, { kind: "ids", count: chunk.length, firstParam: 1 });
      const found = new Map<string, DestinationMember>();
      for await (const row of streamed(rows, sql, chunk, query.audienceId)) {
        const mapped = mapRow(row);
        if (mapped.ok) found.set(mapped.member.memberId, mapped.member);
      }
      for (const id of chunk) {
        const member = found.get(id);
        if (member === undefined)
          throw new MemberSourceError(
            "MEMBER_SOURCE_CHANGED",
            `member ${id} of audience ${query.audienceId} is no longer in the tables, or no longer has consent or its required fields; the tables changed during the run: run it again`,
            [{ path: ["members", id], message: "no longer maps" }],
          );
        out.push(member);
      }
    }
    return out;
  }
}

function readValue(read: ValueRead, id: string, row: readonly unknown[]): CellValue {
  switch (read.kind) {
    case "id":
      return id;
    case "constant":
      return read.value;
    case "column":
      return cellValue(row[read.index + 1], id, read.index);
  }
}
