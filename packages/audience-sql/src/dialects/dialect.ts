import type { FieldType } from "@abm-kit/core";
import type { TimeUnit } from "@abm-kit/audience";

/** The SQL dialects an audience compiles to. */
export type DialectName = "duckdb" | "postgres" | "snowflake" | "bigquery" | "spark";

/** The SQL type of a bound parameter (every parameter is cast to its type in the text). */
export type ParamType = "text" | "number" | "boolean" | "timestamp";

/**
 * What differs between SQL dialects: quoting, placeholders, types, date
 * arithmetic, regular expressions, string and array functions. Everything else
 * is written once, in the compiler.
 */
export interface SqlDialect {
  readonly name: DialectName;
  /** A quoted identifier. */
  quote(identifier: string): string;
  /** The placeholder of the `index`-th (1-based) distinct parameter, or of each occurrence when `reusesPlaceholders` is false. */
  placeholder(index: number): string;
  /** Whether one placeholder may appear several times (`$1`, `@p1`) or each use is its own (`?`). */
  readonly reusesPlaceholders: boolean;
  /** The column type of a field type, and of the layout's own columns (`id`: text, `_row`: integer). */
  columnType(type: FieldType | "integer"): string;
  /** A parameter cast to its SQL type. */
  cast(placeholder: string, type: ParamType): string;
  /** A timestamp expression moved by `sign × amount unit` (calendar months and years clamp to the month's last day). */
  shift(timestamp: string, amount: number, unit: TimeUnit, sign: 1 | -1): string;
  /** The UTC calendar day of a timestamp expression. */
  toDate(timestamp: string): string;
  /** Epoch milliseconds of a timestamp or date expression, as a double. */
  epochMs(expression: string, type: "instant" | "date"): string;
  /** A text expression that compares in code-unit (binary) order. */
  binaryText(expression: string): string;
  /** The text without spaces, tabs, line feeds and carriage returns at its ends (a condition's `trim`). */
  trimText(expression: string): string;
  /** Whether `needle` occurs in `text`. */
  contains(text: string, needle: string): string;
  startsWith(text: string, prefix: string): string;
  endsWith(text: string, suffix: string): string;
  /** Whether the regular expression `pattern` matches somewhere in `text`. */
  regexMatches(text: string, pattern: string, caseInsensitive: boolean): string;
  /** Whether the array `array` holds `value` (both text; compared lower-cased when `caseInsensitive`). */
  arrayHas(array: string, value: string, caseInsensitive: boolean): string;
  /** A query listing the elements (column `v`) of the array `array` over the rows of `tables` (a FROM list) where `where` holds. */
  arrayElements(array: string, tables: string, where: string): string;
  /** Cast of an aggregate to a double. */
  toDouble(expression: string): string;
}
