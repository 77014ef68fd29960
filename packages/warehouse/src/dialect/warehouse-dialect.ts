/** The SQL engines the warehouse loader writes SQL for. */
export type WarehouseDialectName = "duckdb" | "postgres";

/** The few places where DuckDB and PostgreSQL SQL differ for the loader; everything else is shared. */
export interface WarehouseDialect {
  readonly name: WarehouseDialectName;
  /** A quoted identifier. */
  quote(name: string): string;
  /** A string literal. */
  literal(text: string): string;
  /** True when `expr` matches the (POSIX/RE2-compatible) pattern. */
  matches(expr: string, pattern: string): string;
  /** Group `group` (1-based) of the first match of `pattern` in `expr`; NULL or '' when it did not take part. */
  group(expr: string, pattern: string, group: number): string;
  /** `expr` (text) as an integer; DuckDB may evaluate a CASE branch for every row, so it never fails there. */
  toInt(expr: string): string;
  /** `expr` (text) as a double, likewise. */
  toDouble(expr: string): string;
  /** The type of a double-precision number. */
  readonly doubleType: string;
  /** The type of a list of texts. */
  readonly textListType: string;
  /** The texts between `;` of `expr`, each trimmed, blanks left out, in order. */
  splitList(expr: string): string;
  /** A `YYYY-MM-DD` text plus `ms` milliseconds, as an ISO instant text in UTC (`…T…:…:….mmmZ`). */
  instantText(dateText: string, ms: string): string;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
/** JavaScript's `trim` for ASCII whitespace (what both engines' `\s` matches). */
const trimmed = (expr: string) => `regexp_replace(${expr}, '^\\s+|\\s+$', '', 'g')`;

export const DUCKDB_WAREHOUSE: WarehouseDialect = {
  name: "duckdb",
  quote,
  literal,
  matches: (expr, pattern) => `regexp_full_match(${expr}, ${literal(pattern)})`,
  group: (expr, pattern, group) => `regexp_extract(${expr}, ${literal(pattern)}, ${group})`,
  toInt: (expr) => `TRY_CAST(${expr} AS INTEGER)`,
  toDouble: (expr) => `TRY_CAST(${expr} AS DOUBLE)`,
  doubleType: "DOUBLE",
  textListType: "VARCHAR[]",
  splitList: (expr) => `list_filter(list_transform(string_split(${expr}, ';'), s -> ${trimmed("s")}), s -> s <> '')`,
  instantText: (dateText, ms) => `strftime(CAST(${dateText} AS TIMESTAMP) + to_milliseconds(CAST(${ms} AS BIGINT)), '%Y-%m-%dT%H:%M:%S.%g') || 'Z'`,
};

export const POSTGRES_WAREHOUSE: WarehouseDialect = {
  name: "postgres",
  quote,
  literal,
  matches: (expr, pattern) => `(${expr} ~ ${literal(pattern.startsWith("^") ? pattern : `^(?:${pattern})$`)})`,
  group: (expr, pattern, group) => `(regexp_match(${expr}, ${literal(pattern)}))[${group}]`,
  toInt: (expr) => `CAST(${expr} AS integer)`,
  toDouble: (expr) => `CAST(${expr} AS double precision)`,
  doubleType: "double precision",
  textListType: "text[]",
  splitList: (expr) =>
    `ARRAY(SELECT ${trimmed("s.v")} FROM unnest(string_to_array(${expr}, ';')) WITH ORDINALITY AS s(v, n) WHERE ${trimmed("s.v")} <> '' ORDER BY s.n)`,
  instantText: (dateText, ms) =>
    `to_char(CAST(${dateText} AS timestamp) + (CAST(${ms} AS bigint) * INTERVAL '1 millisecond'), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
};

/** The dialect of a name. */
export function warehouseDialect(name: WarehouseDialectName): WarehouseDialect {
  return name === "duckdb" ? DUCKDB_WAREHOUSE : POSTGRES_WAREHOUSE;
}

/** `expr` without leading and trailing ASCII whitespace. */
export const trimSql = trimmed;
