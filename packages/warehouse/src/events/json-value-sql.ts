import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";

/**
 * SQL over JSON text, per dialect: a text parsed to JSON only when it is valid
 * JSON (NULL otherwise, never an error), and the kind, text and number of a
 * JSON value as `JSON.parse` would give them.
 */
export interface JsonSql {
  /** Statements to run once before the others (PostgreSQL: a session-local function that parses without failing). */
  readonly setup: readonly string[];
  /** `text` as JSON, NULL when it is not valid JSON. */
  parse(text: string): string;
  /** `object`, `array`, `string`, `number`, `boolean`, `null` (and `null` for a missing value). */
  type(json: string): string;
  /** The entries of an object, as a FROM item with columns `key`, `value`, `pos` (in text order); `json` must be an object. */
  entries(json: string, alias: string): string;
  /** The elements of an array, as a FROM item with columns `value`, `pos`; `json` must be an array. */
  elements(json: string, alias: string): string;
  /** A member of an object (JSON, NULL when absent). */
  member(json: string, name: string): string;
  /** A string's text, a boolean's `true`/`false`, a number's or nested value's JSON text. */
  text(json: string): string;
}

const DUCKDB_JSON: JsonSql = {
  setup: [],
  parse: (text) => `CASE WHEN json_valid(${text}) THEN CAST(${text} AS JSON) END`,
  type: (json) =>
    `CASE json_type(${json}) WHEN 'OBJECT' THEN 'object' WHEN 'ARRAY' THEN 'array' WHEN 'VARCHAR' THEN 'string' WHEN 'BOOLEAN' THEN 'boolean' WHEN 'NULL' THEN 'null' WHEN 'BIGINT' THEN 'number' WHEN 'UBIGINT' THEN 'number' WHEN 'DOUBLE' THEN 'number' WHEN 'HUGEINT' THEN 'number' ELSE 'null' END`,
  entries: (json, alias) => `(SELECT key, value, id AS pos FROM json_each(${json})) ${alias}`,
  elements: (json, alias) => `(SELECT value, id AS pos FROM json_each(${json})) ${alias}`,
  member: (json, name) => `json_extract(${json}, ${`'$."${name}"'`})`,
  text: (json) => `json_extract_string(${json}, '$')`,
};

const POSTGRES_JSON: JsonSql = {
  setup: [
    `CREATE OR REPLACE FUNCTION pg_temp.abm_kit_try_json(t text) RETURNS json LANGUAGE plpgsql IMMUTABLE STRICT AS $f$ BEGIN RETURN t::json; EXCEPTION WHEN others THEN RETURN NULL; END $f$`,
  ],
  parse: (text) => `pg_temp.abm_kit_try_json(${text})`,
  type: (json) => `coalesce(json_typeof(${json}), 'null')`,
  entries: (json, alias) => `LATERAL json_each(${json}) WITH ORDINALITY AS ${alias}(key, value, pos)`,
  elements: (json, alias) => `LATERAL json_array_elements(${json}) WITH ORDINALITY AS ${alias}(value, pos)`,
  member: (json, name) => `(${json} -> '${name}')`,
  text: (json) => `CASE json_typeof(${json}) WHEN 'string' THEN ${json} #>> '{}' ELSE CAST(${json} AS text) END`,
};

/** The JSON SQL of a dialect. */
export function jsonSql(d: WarehouseDialect): JsonSql {
  return d.name === "duckdb" ? DUCKDB_JSON : POSTGRES_JSON;
}
