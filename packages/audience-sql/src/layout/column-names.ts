import type { SqlFields } from "./layout.js";
import { RESERVED_COLUMNS } from "./table-names.js";

/**
 * The longest column name, in UTF-8 bytes, every dialect keeps as written:
 * PostgreSQL cuts identifiers to 63 bytes (Snowflake allows 255 characters,
 * BigQuery 300; DuckDB and Spark have no lower limit).
 */
export const MAX_COLUMN_NAME_BYTES = 63;

/** How names are compared: DuckDB, BigQuery and Spark SQL treat column names case-insensitively, even quoted. */
const fold = (name: string) => name.toLowerCase();

/** `name` cut to at most `max` UTF-8 bytes, on a code point boundary. */
function cutToBytes(name: string, max: number): string {
  let used = 0;
  let out = "";
  for (const char of name) {
    used += Buffer.byteLength(char, "utf8");
    if (used > max) break;
    out += char;
  }
  return out;
}

const fits = (name: string) => Buffer.byteLength(name, "utf8") <= MAX_COLUMN_NAME_BYTES;

/**
 * The SQL column of each field of a table: names that are unique in every
 * dialect — no two equal once lower-cased (nor equal to a layout column such
 * as `id` or `_row`), none longer than {@link MAX_COLUMN_NAME_BYTES} bytes.
 * The rule depends only on the set of names, never on their order:
 *
 * 1. names of at most 63 bytes, in code-unit order: a name is its own column
 *    unless its lower-case form is taken (by a layout column or an earlier name);
 * 2. longer names, in that order: the name cut to 63 bytes (whole characters),
 *    when that is free;
 * 3. the rest, in that order: the name cut to leave room for a suffix, then
 *    `_2`, `_3`, …, the first whose lower-case form is free.
 *
 * So ordinary names keep themselves; of `Company` and `company`, `Company`
 * (sorted first) keeps its name and `company` becomes `company_2`.
 */
export function fieldColumnNames(fields: SqlFields | Iterable<string>): ReadonlyMap<string, string> {
  const names = [...(isIterable(fields) ? fields : Object.keys(fields))].sort();
  const taken = new Set([...RESERVED_COLUMNS].map(fold));
  const out = new Map<string, string>();
  const claim = (name: string, column: string): boolean => {
    if (taken.has(fold(column))) return false;
    taken.add(fold(column));
    out.set(name, column);
    return true;
  };
  for (const name of names) if (fits(name)) claim(name, name);
  for (const name of names) if (!fits(name)) claim(name, cutToBytes(name, MAX_COLUMN_NAME_BYTES));
  for (const name of names) {
    for (let n = 2; !out.has(name); n++) {
      const suffix = `_${n}`;
      claim(name, cutToBytes(name, MAX_COLUMN_NAME_BYTES - suffix.length) + suffix);
    }
  }
  return out;
}

function isIterable(value: SqlFields | Iterable<string>): value is Iterable<string> {
  return typeof (value as Iterable<string>)[Symbol.iterator] === "function";
}

const memo = new WeakMap<SqlFields, ReadonlyMap<string, string>>();

/** The column of `field` in a table with these fields (see {@link fieldColumnNames}); a name that is not a field is its own column. */
export function columnNameOf(fields: SqlFields, field: string): string {
  let names = memo.get(fields);
  if (names === undefined) {
    names = fieldColumnNames(fields);
    memo.set(fields, names);
  }
  return names.get(field) ?? field;
}
