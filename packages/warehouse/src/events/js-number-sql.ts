import { trimSql, type WarehouseDialect } from "../dialect/warehouse-dialect.js";

/**
 * Decimal texts `Number()` reads as a finite number (after trimming): digits
 * with an optional fraction and exponent. Hexadecimal, binary and octal forms
 * (`0x1F`) and exponents of more than three digits are not taken (see docs/warehouse.md).
 */
const DECIMAL = "^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]{1,3})?$";

/** True when `Number(text.trim())` of JavaScript is a finite number (for decimal texts). */
export function isJsNumberSql(d: WarehouseDialect, text: string): string {
  return `coalesce(${d.matches(trimSql(text), DECIMAL)}, FALSE)`;
}

/**
 * A decimal number text as a finite double, never an error: NULL beyond the
 * double range (where JavaScript has Infinity), 0 below 10^-300 (PostgreSQL
 * refuses to round such texts to a double).
 */
export function finiteDoubleSql(d: WarehouseDialect, text: string): string {
  if (d.name === "duckdb") return `CASE WHEN isfinite(TRY_CAST(${text} AS DOUBLE)) THEN TRY_CAST(${text} AS DOUBLE) END`;
  const n = `CAST(${text} AS numeric)`;
  return `CASE WHEN abs(${n}) >= 1.7976931348623157e308 THEN NULL WHEN abs(${n}) < 1e-300 THEN 0 ELSE CAST(${text} AS double precision) END`;
}

/** `Number(text.trim())` as a double; only where {@link isJsNumberSql} holds. */
export function jsNumberSql(d: WarehouseDialect, text: string): string {
  return finiteDoubleSql(d, trimSql(text));
}

/**
 * `String(number)` of JavaScript for a double: integers below 10^15 without
 * a fraction (`5002`, not `5002.0`); other numbers as the engine writes its
 * shortest exact text, which JavaScript matches except in exponent notation.
 */
export function jsNumberTextSql(d: WarehouseDialect, num: string): string {
  return `CASE WHEN ${num} = trunc(${num}) AND abs(${num}) < 1e15 THEN CAST(CAST(${num} AS BIGINT) AS VARCHAR) ELSE CAST(${num} AS VARCHAR) END`;
}
