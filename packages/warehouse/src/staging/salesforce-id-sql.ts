import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";
import { jsonTextSql } from "./json-text-sql.js";
import type { ParsedSql } from "./parsed-sql.js";

const ALPHABET = "'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345'";

/** The 3-character checksum of the first 15 characters of `id` (as `salesforceIdSuffix` in `@abm-kit/sources`). */
export function salesforceSuffixSql(id: string): string {
  const blocks: string[] = [];
  for (let block = 0; block < 3; block++) {
    const bits = [0, 1, 2, 3, 4].map((i) => `CASE WHEN ascii(substr(${id}, ${block * 5 + i + 1}, 1)) BETWEEN 65 AND 90 THEN ${1 << i} ELSE 0 END`);
    blocks.push(`substr(${ALPHABET}, 1 + ${bits.join(" + ")}, 1)`);
  }
  return `(${blocks.join(" || ")})`;
}

/**
 * A Salesforce id column in SQL, as `parseValue(raw, "salesforceId")`: the
 * canonical 18-character id, or the reader's message. `t` is the trimmed text
 * alias (computed by the caller), `name` a unique prefix for helper aliases.
 */
export function salesforceIdSql(d: WarehouseDialect, raw: string, t: string, name: string): ParsedSql {
  const suffix = `upper(substr(${t}, 16, 3))`;
  const bitsOf = (block: number) => `(${d.strpos(ALPHABET, `substr(${suffix}, ${block + 1}, 1)`)} - 1)`;
  const chars: string[] = [];
  for (let block = 0; block < 3; block++) {
    for (let i = 0; i < 5; i++) {
      const c = `substr(${t}, ${block * 5 + i + 1}, 1)`;
      chars.push(`CASE WHEN (${d.bitAnd(bitsOf(block), String(1 << i))}) <> 0 THEN upper(${c}) ELSE lower(${c}) END`);
    }
  }
  const rebuilt = `${name}__base`;
  const base15 = `substr(${t}, 1, 15)`;
  const alnum = d.matches(t, "^[a-zA-Z0-9]+$");
  const mixed = `(${base15} <> lower(${base15}) AND ${base15} <> upper(${base15}))`;
  const mismatch = `(length(${t}) = 18 AND ${alnum} AND ${mixed} AND ${salesforceSuffixSql(base15)} <> ${suffix})`;
  const bitsOk = `(${bitsOf(0)} >= 0 AND ${bitsOf(1)} >= 0 AND ${bitsOf(2)} >= 0)`;
  const prep = { [rebuilt]: `CASE WHEN length(${t}) = 18 AND ${alnum} AND NOT ${mismatch} AND ${bitsOk} THEN ${chars.join(" || ")} END` };
  const value = `CASE WHEN ${t} = '' OR ${t} IS NULL THEN NULL
    WHEN length(${t}) = 15 AND ${alnum} THEN ${t} || ${salesforceSuffixSql(t)}
    WHEN ${rebuilt} IS NOT NULL AND ${salesforceSuffixSql(rebuilt)} = ${suffix} THEN ${rebuilt} || ${suffix} END`;
  const error = `CASE WHEN ${t} = '' OR ${t} IS NULL THEN NULL
    WHEN length(${t}) = 15 AND ${alnum} THEN NULL
    WHEN ${rebuilt} IS NOT NULL AND ${salesforceSuffixSql(rebuilt)} = ${suffix} THEN NULL
    WHEN ${mismatch} THEN 'the suffix of the 18-character Salesforce id ' || ${jsonTextSql(d, t)} || ' does not match its first 15 characters (their case gives ' || ${salesforceSuffixSql(base15)} || ')'
    ELSE ${jsonTextSql(d, raw)} || ' is not a 15- or 18-character Salesforce id' END`;
  return { prep, value, error };
}
