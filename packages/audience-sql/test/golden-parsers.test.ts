import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { SparkSQL } from "dt-sql-parser";
import { Parser } from "node-sql-parser";
import { describe, expect, it } from "vitest";

/**
 * A construct of valid dialect SQL that the npm parser does not know (a parser
 * gap, not an error in the SQL). `example` is a minimal statement with it; a
 * gap with `rewrite` is replaced in a copy of each query before parsing (so
 * the rest of the query is still checked), a gap with `query` leaves the
 * queries it matches unparsed.
 */
interface ParserGap {
  readonly reason: string;
  readonly example: string;
  readonly rewrite?: readonly [RegExp, string];
  readonly query?: RegExp;
}

const nodeSqlParser = new Parser();
const nodeSql = (database: string) => (sql: string) => {
  try {
    nodeSqlParser.astify(sql, { database });
    return true;
  } catch {
    return false;
  }
};
const sparkSql = new SparkSQL();

const PARSERS: Record<"snowflake" | "bigquery" | "spark", { parser: string; accepts: (sql: string) => boolean; gaps: ParserGap[] }> = {
  snowflake: {
    parser: "node-sql-parser (snowflake)",
    accepts: nodeSql("snowflake"),
    gaps: [
      { reason: "`?` placeholders", example: "SELECT a FROM t WHERE a = CAST(? AS VARCHAR)", rewrite: [/\(\? AS /g, "(NULL AS "] },
      { reason: "the `::` cast to VARIANT", example: "SELECT a::VARIANT FROM t", rewrite: [/::VARIANT/g, ""] },
      {
        reason: "a typed lambda parameter (`x VARCHAR -> …`) of TRANSFORM",
        example: "SELECT TRANSFORM(a, x VARCHAR -> x) FROM t",
        rewrite: [/(\w+) VARCHAR ->/g, "$1 ->"],
      },
      {
        reason: "a window frame ending `1 PRECEDING`",
        example: "SELECT max(a) OVER (ORDER BY b ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS s FROM t",
        rewrite: [/AND 1 PRECEDING\)/g, "AND CURRENT ROW)"],
      },
      {
        reason: "LATERAL FLATTEN joined with a comma after a JOIN … ON",
        example: "SELECT f.value FROM t JOIN u ON u.a = t.a, LATERAL FLATTEN(input => t.a) AS f",
        query: /ON \S+ = \S+, LATERAL FLATTEN\(/,
      },
    ],
  },
  bigquery: {
    parser: "node-sql-parser (bigquery)",
    accepts: nodeSql("bigquery"),
    gaps: [{ reason: "WITH RECURSIVE", example: "WITH RECURSIVE r AS (SELECT 1 AS n) SELECT n FROM r", query: /^WITH RECURSIVE$/m }],
  },
  spark: { parser: "dt-sql-parser (SparkSQL)", accepts: (sql) => sparkSql.validate(sql).length === 0, gaps: [] },
};

/** The queries of a golden file (separated by a line holding `;`), comments and all. */
const queriesOf = (file: string) =>
  readFileSync(fileURLToPath(new URL(`./golden/${file}.sql`, import.meta.url)), "utf8")
    .split("\n\n;\n\n")
    .map((q) => q.trim());
const titleOf = (query: string) => query.split("\n")[0]!;

for (const name of ["snowflake", "bigquery", "spark"] as const) {
  const { parser, accepts, gaps } = PARSERS[name];
  describe(`${name} golden SQL parsed by ${parser}`, () => {
    for (const gap of gaps)
      it(`parser gap, still there: ${gap.reason}`, () => {
        // when the parser learns the construct, this fails: drop the gap
        expect(accepts(gap.example)).toBe(false);
        if (gap.rewrite !== undefined) expect(accepts(gap.example.replace(gap.rewrite[0], gap.rewrite[1]))).toBe(true);
      });
    for (const file of [name, `composition-${name}`])
      it(`accepts every query of test/golden/${file}.sql but those of a documented gap`, () => {
        const queries = queriesOf(file);
        const rewritten = (q: string) => gaps.reduce((s, g) => (g.rewrite === undefined ? s : s.replace(g.rewrite[0], g.rewrite[1])), q);
        const unparsed = queries.filter((q) => !accepts(rewritten(q))).map(titleOf);
        expect(unparsed).toEqual(queries.filter((q) => gaps.some((g) => g.query?.test(q))).map(titleOf));
        expect(queries.length - unparsed.length).toBeGreaterThan(10);
      }, 300_000);
  });
}
