import type { ValueType } from "@abm-kit/sources";
import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";
import { validDateSql } from "./date-sql.js";
import { instantSql } from "./instant-sql.js";
import { jsonTextSql } from "./json-text-sql.js";
import type { ParsedSql } from "./parsed-sql.js";
import { salesforceIdSql } from "./salesforce-id-sql.js";

/** The longest id read (`MAX_ID_LENGTH` of `@abm-kit/sources`). */
const MAX_ID_LENGTH = 512;
const NUMBER = "^[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?$";

/** The SQL type a parsed value of a type is kept as (dates and instants as ISO text, like the Snapshot). */
export function parsedSqlType(d: WarehouseDialect, type: ValueType): string {
  switch (type) {
    case "number":
    case "integer":
      return d.doubleType;
    case "boolean":
      return d.booleanType;
    case "multi":
      return d.textListType;
    default:
      return d.textType;
  }
}

/**
 * One CSV cell read as a type in SQL, as `parseValue` of `@abm-kit/sources`
 * reads it: `raw` is the cell's text (NULL or blank when empty), `t` its
 * trimmed text, `name` a unique prefix for helper columns. The error is the
 * reader's message for the value.
 */
export function parseSql(d: WarehouseDialect, type: ValueType, raw: string, t: string, name: string): ParsedSql {
  const blank = `(${t} IS NULL OR ${t} = '')`;
  const simple = (value: string, error: string): ParsedSql => ({
    prep: {},
    value: `CASE WHEN ${blank} THEN NULL ELSE ${value} END`,
    error: `CASE WHEN ${blank} THEN NULL ELSE ${error} END`,
  });
  const quoted = jsonTextSql(d, raw);
  switch (type) {
    case "string":
      return simple(raw, "NULL");
    case "id":
      return simple(
        `CASE WHEN length(${t}) <= ${MAX_ID_LENGTH} THEN ${t} END`,
        `CASE WHEN length(${t}) > ${MAX_ID_LENGTH} THEN 'an id of ' || CAST(length(${t}) AS ${d.textCastType}) || ' characters is longer than ${MAX_ID_LENGTH}' END`,
      );
    case "salesforceId":
      return salesforceIdSql(d, raw, t, name);
    case "number":
    case "integer": {
      const isNumber = d.matches(t, NUMBER);
      const n = d.toDouble(t);
      const whole = type === "integer" ? `CASE WHEN ${n} = floor(${n}) THEN ${n} END` : n;
      const error =
        type === "integer"
          ? `CASE WHEN NOT ${isNumber} THEN ${quoted} || ' is not a number' WHEN ${n} <> floor(${n}) THEN ${quoted} || ' is not a whole number' END`
          : `CASE WHEN NOT ${isNumber} THEN ${quoted} || ' is not a number' END`;
      return simple(`CASE WHEN ${isNumber} THEN ${whole} END`, error);
    }
    case "boolean": {
      const l = `lower(${t})`;
      return simple(
        `CASE WHEN ${l} IN ('true', '1') THEN TRUE WHEN ${l} IN ('false', '0') THEN FALSE END`,
        `CASE WHEN ${l} NOT IN ('true', '1', 'false', '0') THEN ${quoted} || ' is not true or false' END`,
      );
    }
    case "date": {
      const ok = `coalesce(CASE WHEN ${d.matches(t, "^[0-9]{4}-[0-9]{2}-[0-9]{2}$")} THEN ${validDateSql(d, t)} END, FALSE)`;
      return simple(`CASE WHEN ${ok} THEN ${t} END`, `CASE WHEN NOT ${ok} THEN ${quoted} || ' is not a date (YYYY-MM-DD)' END`);
    }
    case "instant": {
      const { groups, value } = instantSql(d, t, name);
      const alias = `${name}__instant`;
      return {
        groups,
        prep: { [alias]: `CASE WHEN ${blank} THEN NULL ELSE ${value} END` },
        value: alias,
        error: `CASE WHEN NOT ${blank} AND ${alias} IS NULL THEN ${quoted} || ' is not a date-time with a time zone' END`,
      };
    }
    case "multi":
      return simple(d.splitList(raw), "NULL");
  }
}

export { trimSql } from "../dialect/warehouse-dialect.js";
