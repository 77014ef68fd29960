import type { FieldType } from "@abm-kit/core";
import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";

/**
 * The SQL type a value of a field type has in the work tables: staged values
 * as they are (dates and instants as ISO text); in PostgreSQL a list as its
 * JSON text, so lists can be aggregated like any value.
 */
export function workType(d: WarehouseDialect, type: FieldType): string {
  switch (type) {
    case "number":
      return d.doubleType;
    case "boolean":
      return "BOOLEAN";
    case "multi":
      return d.name === "duckdb" ? d.textListType : "text";
    default:
      return d.name === "duckdb" ? "VARCHAR" : "text";
  }
}

/** A staged value (`expr`, of its staged type) as a work value. */
export function toWorkValue(d: WarehouseDialect, type: FieldType, expr: string): string {
  if (type === "multi" && d.name === "postgres") return `CAST(array_to_json(${expr}) AS text)`;
  return `CAST(${expr} AS ${workType(d, type)})`;
}

/**
 * A work value as the layout column holds it, as the Snapshot writers write
 * it: instants as TIMESTAMP (UTC wall time), dates as DATE, lists as sets
 * (each item once, in first-seen order, as a Snapshot column keeps them).
 */
export function toLayoutValue(d: WarehouseDialect, type: FieldType, expr: string): string {
  switch (type) {
    case "instant":
      return `CAST(replace(replace(${expr}, 'T', ' '), 'Z', '') AS TIMESTAMP)`;
    case "date":
      return `CAST(${expr} AS DATE)`;
    case "multi":
      return d.name === "duckdb"
        ? `list_filter(${expr}, (v, i) -> list_position(${expr}, v) = i)`
        : `CASE WHEN ${expr} IS NULL THEN NULL ELSE ARRAY(SELECT u.v FROM json_array_elements_text(CAST(${expr} AS json)) WITH ORDINALITY AS u(v, n) GROUP BY u.v ORDER BY min(u.n)) END`;
    default:
      return expr;
  }
}
