import type { FieldType } from "@abm-kit/core";
import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";
import { instantSql } from "./instant-sql.js";

const NUMBER = "^[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?$";

/**
 * One query that tells, per column of a text table, which types fit every
 * non-blank value (as `inferFieldType` of `@abm-kit/sources`): one row with
 * columns `_any<i>`, `_boolean<i>`, `_number<i>`, `_date<i>`, `_instant<i>`.
 */
export function inferTypesSql(d: WarehouseDialect, table: string, columns: readonly string[]): string {
  const parts = columns.flatMap((column, i) => {
    const t = d.trim(d.quote(column));
    const nonBlank = `(${t} IS NOT NULL AND ${t} <> '')`;
    const fits = (test: string) => `coalesce(${d.boolAnd(`CASE WHEN ${nonBlank} THEN ${test} END`)}, TRUE)`;
    return [
      `coalesce(${d.boolOr(nonBlank)}, FALSE) AS _any${i}`,
      `${fits(`lower(${t}) IN ('true', 'false')`)} AS _boolean${i}`,
      `${fits(d.matches(t, NUMBER))} AS _number${i}`,
      `${fits(d.matches(t, "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))} AS _date${i}`,
      `${fits(`(${instantSql(d, t).value}) IS NOT NULL`)} AS _instant${i}`,
    ];
  });
  return `SELECT ${parts.length > 0 ? parts.join(",\n  ") : "1 AS _none"} FROM ${d.quote(table)}`;
}

/** The inferred type of each column from the row of {@link inferTypesSql}. */
export function inferredTypes(columns: readonly string[], row: Readonly<Record<string, unknown>>): Record<string, Exclude<FieldType, "multi">> {
  const out: Record<string, Exclude<FieldType, "multi">> = {};
  columns.forEach((column, i) => {
    const is = (what: string) => row[`_${what}${i}`] === true;
    out[column] = !is("any") ? "string" : is("boolean") ? "boolean" : is("number") ? "number" : is("date") ? "date" : is("instant") ? "instant" : "string";
  });
  return out;
}
