import type { FieldType } from "@abm-kit/core";
import type { ObjectSpec, ValueType } from "@abm-kit/sources";
import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";
import { parseSql, parsedSqlType } from "./parse-sql.js";
import { PROBLEMS_TABLE } from "./problems-table.js";

/** What {@link typedStagingSql} reads and writes. */
export interface TypedStagingInput {
  /** The spec of the file's records (`salesforceSpec("Contact")`, `marketoSpec("leads")`, `partnerSpec(mapping)`, …). */
  readonly spec: ObjectSpec;
  /** The file's column names, in header order. */
  readonly columns: readonly string[];
  /** The table holding the file as text: `_record` (1-based record number) and one text column per header column. */
  readonly rawTable: string;
  /** The table to create: `_record`, every standard column of the spec parsed to its type, then the other columns as text; only records that were not rejected. */
  readonly typedTable: string;
  /** The file's name in problems (as a file report names it). */
  readonly file: string;
  /** The problems table (default `load_problems`). */
  readonly problemsTable?: string;
  /** The type of each column outside the spec's columns (declared, else inferred with `inferTypesSql`); a column without one is kept as text. */
  readonly extraTypes?: Readonly<Record<string, FieldType>>;
}

/** `expr` with every CRLF and lone CR as LF (only quoted values hold line ends). */
const lineEndsAsLf = (d: WarehouseDialect, expr: string) => {
  const [cr, lf] = [d.chr(13), d.chr(10)];
  return `CASE WHEN ${d.strpos(expr, cr)} > 0 THEN REPLACE(REPLACE(${expr}, ${cr} || ${lf}, ${lf}), ${cr}, ${lf}) ELSE ${expr} END`;
};

/**
 * The SQL that reads a staged CSV file the way the in-memory readers of
 * `@abm-kit/sources` do, generated from the file's `ObjectSpec`: every
 * standard column parsed to its type (as `parseValue`), an unreadable optional
 * value left out with a warning, a missing or unreadable required value and a
 * repeated id rejecting the record with an error, a column the spec does not
 * expect warned about on line 1 (record 0), all in the problems table
 * with the readers' codes and messages. Statements in order, no trailing semicolons.
 */
export function typedStagingSql(d: WarehouseDialect, input: TypedStagingInput): string[] {
  const { spec, columns, file } = input;
  const q = d.quote;
  const problems = q(input.problemsTable ?? PROBLEMS_TABLE);
  const present = new Set(columns);
  const standard = Object.entries(spec.columns);
  const extras = spec.keepsExtras === false ? [] : columns.filter((c) => !Object.hasOwn(spec.columns, c));
  // extra columns are parsed like standard ones, as optional values of their (declared or inferred) type
  const parsedColumns: [string, ValueType, boolean][] = [
    ...standard.map(([c, type]): [string, ValueType, boolean] => [c, type, true]),
    ...extras.map((c): [string, ValueType, boolean] => [c, input.extraTypes?.[c] ?? "string", false]),
  ];
  const parsedTable = q(`${input.typedTable}__parsed`);
  // PostgreSQL would inline the steps, and evaluate each trimmed cell once per use
  const materialized = d.name === "postgres" ? "MATERIALIZED " : "";
  const t1: string[] = ["_record"];
  const groups: string[] = [];
  const prep: string[] = [];
  const out: string[] = ["_record"];
  parsedColumns.forEach(([column, type], i) => {
    // the readers keep a line end inside a quoted value (LF, CRLF or a lone CR) as LF
    const raw = present.has(column) ? lineEndsAsLf(d, q(column)) : `CAST(NULL AS ${d.textCastType})`;
    const rawAlias = `_r${i}`;
    const tAlias = `_t${i}`;
    t1.push(`${raw} AS ${rawAlias}`, `${d.trim(raw)} AS ${tAlias}`);
    const parsed = parseSql(d, type, rawAlias, tAlias, `_p${i}`);
    for (const [alias, expr] of Object.entries(parsed.groups ?? {})) groups.push(`${expr} AS ${alias}`);
    for (const [alias, expr] of Object.entries(parsed.prep)) prep.push(`${expr} AS ${alias}`);
    out.push(`CAST(${parsed.value} AS ${parsedSqlType(d, type)}) AS ${q(column)}`, `${parsed.error} AS _e${i}`);
  });
  const statements = [
    `CREATE TABLE ${parsedTable} AS
WITH s1 AS ${materialized}(SELECT ${t1.join(", ")} FROM ${q(input.rawTable)}),${
      // pattern groups a parse reads several times (an instant's), matched once per row
      groups.length > 0 ? `\ns1g AS ${materialized}(SELECT *${groups.map((g) => `, ${g}`).join("")} FROM s1),` : ""
    }
s2 AS ${materialized}(SELECT *${prep.map((p) => `, ${p}`).join("")} FROM ${groups.length > 0 ? "s1g" : "s1"})
SELECT ${out.join(",\n  ")} FROM s2`,
  ];
  const lit = d.literal;
  // the readers warn once, on the header's line, about a column the spec does not expect (record 0: no record)
  for (const column of columns.filter((c) => !Object.hasOwn(spec.columns, c) && !spec.isKnownExtra(c))) {
    const message = `column ${column} is not a known ${spec.kind} field; it is ${spec.keepsExtras === false ? "ignored" : "kept as an attribute"}`;
    statements.push(`INSERT INTO ${problems} VALUES (${lit(file)}, 1, 0, ${lit(column)}, 'warning', 'unknown_column', ${lit(message)})`);
  }
  parsedColumns.forEach(([column, , isStandard], i) => {
    const required = isStandard && spec.required.includes(column);
    const message = required ? `_e${i}` : `_e${i} || '; the value was left out'`;
    statements.push(
      `INSERT INTO ${problems} SELECT ${lit(file)}, _record + 1, _record, ${lit(column)}, ${lit(required ? "error" : "warning")}, 'invalid_value', ${message} FROM ${parsedTable} WHERE _e${i} IS NOT NULL`,
    );
    if (required)
      statements.push(
        `INSERT INTO ${problems} SELECT ${lit(file)}, _record + 1, _record, ${lit(column)}, 'error', 'missing_value', ${lit(`${column} is required`)} FROM ${parsedTable} WHERE _e${i} IS NULL AND ${q(column)} IS NULL`,
      );
  });
  const rejected = (alias: string) =>
    `EXISTS (SELECT 1 FROM ${problems} x WHERE x.file = ${lit(file)} AND x.record = ${alias}._record AND x.severity = 'error')`;
  if (spec.idColumn !== undefined && Object.hasOwn(spec.columns, spec.idColumn)) {
    const id = q(spec.idColumn);
    statements.push(`INSERT INTO ${problems}
SELECT ${lit(file)}, _record + 1, _record, ${lit(spec.idColumn)}, 'error', 'duplicate_id', 'duplicate id ' || CAST(${id} AS ${d.textCastType}) || ' (first on line ' || CAST(first_record + 1 AS ${d.textCastType}) || '); the later record was rejected'
FROM (SELECT p._record, p.${id}, min(p._record) OVER (PARTITION BY p.${id}) AS first_record FROM ${parsedTable} p WHERE p.${id} IS NOT NULL AND NOT ${rejected("p")}) dup
WHERE _record > first_record`);
  }
  const kept = ["_record", ...parsedColumns.map(([c]) => q(c))];
  statements.push(`CREATE TABLE ${q(input.typedTable)} AS SELECT ${kept.join(", ")} FROM ${parsedTable} p WHERE NOT ${rejected("p")}`);
  statements.push(`DROP TABLE ${parsedTable}`);
  return statements;
}
