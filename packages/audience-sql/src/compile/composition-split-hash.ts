import type { DialectName, SqlDialect } from "../dialects/dialect.js";

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const encoder = new TextEncoder();

/**
 * The 32-bit FNV-1a state after hashing the UTF-8 bytes of `prefix`, starting
 * from `state` (the offset basis by default). A percentage split hashes
 * `salt + "\u0000" + id`: the part before the id is the same for every member,
 * so it is hashed here and bound as one number; SQL continues with the id.
 */
export function fnv1a32State(prefix: string, state = FNV_OFFSET_BASIS): number {
  let hash = state >>> 0;
  for (const byte of encoder.encode(prefix)) {
    hash ^= byte;
    hash = Math.imul(hash, FNV_PRIME) >>> 0;
  }
  return hash >>> 0;
}

/** How each dialect reads a text's UTF-8 bytes (as upper-case hex), XORs integers, finds a character and names 64- and 32-bit integers. */
interface HashDialectParts {
  readonly hex: (text: string) => string;
  readonly xor: (a: string, b: string) => string;
  readonly position: (needle: string, haystack: string) => string;
  readonly bigint: string;
  readonly integer: string;
}

const PARTS: Readonly<Record<DialectName, HashDialectParts>> = {
  duckdb: { hex: (t) => `hex(encode(${t}))`, xor: (a, b) => `xor(${a}, ${b})`, position: (n, h) => `strpos(${h}, ${n})`, bigint: "BIGINT", integer: "INTEGER" },
  postgres: {
    hex: (t) => `upper(encode(convert_to(${t}, 'UTF8'), 'hex'))`,
    xor: (a, b) => `(${a} # ${b})`,
    position: (n, h) => `strpos(${h}, ${n})`,
    bigint: "BIGINT",
    integer: "INTEGER",
  },
  snowflake: {
    hex: (t) => `HEX_ENCODE(${t})`,
    xor: (a, b) => `BITXOR(${a}, ${b})`,
    position: (n, h) => `POSITION(${n}, ${h})`,
    bigint: "BIGINT",
    integer: "INTEGER",
  },
  bigquery: {
    hex: (t) => `UPPER(TO_HEX(CAST(${t} AS BYTES)))`,
    xor: (a, b) => `(${a} ^ ${b})`,
    position: (n, h) => `STRPOS(${h}, ${n})`,
    bigint: "INT64",
    integer: "INT64",
  },
  spark: {
    hex: (t) => `hex(encode(${t}, 'UTF-8'))`,
    xor: (a, b) => `(${a} ^ ${b})`,
    position: (n, h) => `instr(${h}, ${n})`,
    bigint: "BIGINT",
    integer: "INTEGER",
  },
};

const HEX_DIGITS = "'0123456789ABCDEF'";

/** The byte at 0-based position `pos` of the upper-case hex text `hex`, as an integer 0–255. */
function byteAt(parts: HashDialectParts, hex: string, pos: string): string {
  const digit = (offset: number) => `(${parts.position(`SUBSTR(${hex}, 2 * ${pos} + ${offset}, 1)`, HEX_DIGITS)} - 1)`;
  return `(${digit(1)} * 16 + ${digit(2)})`;
}

/** One FNV-1a step in SQL: `(h XOR byte) * prime mod 2^32` (below 2^56, so it fits a 64-bit integer). */
function step(parts: HashDialectParts, h: string, byte: string): string {
  return `MOD(${parts.xor(h, byte)} * ${FNV_PRIME}, 4294967296)`;
}

/**
 * A query listing, for each member of `membersCte`, its 32-bit FNV-1a hash
 * continued from `state` (a bound number) over the UTF-8 bytes of its id:
 * columns `id` and `h`. Spark SQL has no recursive CTE, so it folds the bytes
 * with the `aggregate` higher-order function; the other dialects walk the bytes
 * with a recursive CTE named `cte` (the caller then writes `WITH RECURSIVE`),
 * whose columns are cast to one type in both terms (Snowflake refuses a
 * recursive term whose types differ from the anchor's, even in precision).
 */
export function splitHashSql(dialect: SqlDialect, cte: string, membersCte: string, state: string): { body: string; recursive: boolean; select: string } {
  const parts = PARTS[dialect.name];
  const start = `CAST(${state} AS ${parts.bigint})`;
  if (dialect.name === "spark") {
    const body = `SELECT s.id AS id, aggregate(sequence(0, length(s.hex) DIV 2 - 1), ${start}, (h, pos) -> ${step(parts, "h", byteAt(parts, "s.hex", "pos"))}) AS h\nFROM (SELECT id, ${parts.hex("id")} AS hex FROM ${membersCte}) AS s`;
    return { body, recursive: false, select: `SELECT id, h FROM ${cte}` };
  }
  const body = [
    `SELECT s.id AS id, s.hex AS hex, CAST(0 AS ${parts.integer}) AS pos, ${start} AS h`,
    `FROM (SELECT id, ${parts.hex("id")} AS hex FROM ${membersCte}) AS s`,
    `UNION ALL`,
    `SELECT r.id, r.hex, CAST(r.pos + 1 AS ${parts.integer}), CAST(${step(parts, "r.h", byteAt(parts, "r.hex", "r.pos"))} AS ${parts.bigint})`,
    `FROM ${cte} AS r`,
    `WHERE r.pos < LENGTH(r.hex) / 2`,
  ].join("\n");
  return { body, recursive: true, select: `SELECT id, h FROM ${cte} WHERE pos = LENGTH(hex) / 2` };
}
