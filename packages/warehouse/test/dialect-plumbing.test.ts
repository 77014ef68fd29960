import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { ValidationError } from "@abm-kit/core";
import { BIGQUERY_WAREHOUSE, DUCKDB_WAREHOUSE, numberCsvRecords, rawCsvLoadSql, SNOWFLAKE_WAREHOUSE, SPARK_WAREHOUSE } from "../src/index.js";
import { singleGroupPattern } from "../src/dialect/single-group-pattern.js";
import { INSTANT_PATTERN } from "../src/staging/instant-sql.js";
import { duckdb, postgres } from "./engines.js";

const dir = mkdtempSync(join(tmpdir(), "abm-kit-warehouse-dialects-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("BigQuery's one-group patterns", () => {
  it("extract in a real RE2 engine (DuckDB) what the full pattern's group gives, for every group of the instant pattern", async () => {
    const engine = await duckdb();
    try {
      const part = (n: number) => fc.integer({ min: 0, max: 10 ** n - 1 }).map((v) => String(v).padStart(n, "0"));
      const text = fc.oneof(
        fc
          .tuple(
            part(4),
            part(2),
            part(2),
            fc.constantFrom("T", "t", " "),
            part(2),
            part(2),
            fc.option(part(2)),
            fc.option(part(4)),
            fc.constantFrom("Z", "z", "+01:00", "-0530", ""),
          )
          .map(([y, m, d, sep, h, mi, s, ms, zone]) => `${y}-${m}-${d}${sep}${h}:${mi}${s === null ? "" : `:${s}${ms === null ? "" : `.${ms}`}`}${zone}`),
        fc.string({ maxLength: 30 }),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 20 }), async (texts) => {
          const values = texts.map((t) => `(${DUCKDB_WAREHOUSE.literal(t)})`).join(", ");
          const columns = [1, 2, 3, 4, 5, 6, 7, 8].map(
            (n) =>
              `regexp_extract(t, ${DUCKDB_WAREHOUSE.literal(INSTANT_PATTERN)}, ${n}) = regexp_extract(t, ${DUCKDB_WAREHOUSE.literal(singleGroupPattern(INSTANT_PATTERN, n))}, 1) AS g${n}`,
          );
          const rows = await engine.query(`SELECT ${columns.join(", ")} FROM (VALUES ${values}) v(t)`);
          for (const row of rows) expect(Object.values(row).every((same) => same === true)).toBe(true);
        }),
        { numRuns: 40 },
      );
    } finally {
      await engine.close();
    }
  });

  it("leave escapes and character classes as they are", () => {
    expect(singleGroupPattern("^(a)(\\()([(])(?:b)(c)$", 3)).toBe("^(?:a)(?:\\()([(])(?:b)(?:c)$");
    expect(singleGroupPattern("([]()])(x)", 2)).toBe("(?:[]()])(x)");
  });
});

describe("string literals of Snowflake, BigQuery and Spark", () => {
  it("read back as the text in a real engine that reads backslash escapes (PostgreSQL E'' strings)", async () => {
    const engine = await postgres();
    try {
      const text = fc.string({ unit: fc.constantFrom("a", "'", "\\", '"', "\n", "\r", "é", " ", "$") });
      await fc.assert(
        fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 10 }), async (texts) => {
          for (const d of [SNOWFLAKE_WAREHOUSE, BIGQUERY_WAREHOUSE, SPARK_WAREHOUSE]) {
            const rows = await engine.query(`SELECT ${texts.map((t, i) => `E${d.literal(t)} AS v${i}`).join(", ")}`);
            expect(Object.values(rows[0]!)).toEqual(texts);
          }
        }),
        { numRuns: 30 },
      );
    } finally {
      await engine.close();
    }
  });
});

describe("raw CSV loads", () => {
  it("refuse a Snowflake location that is not a stage path, and the engines Node loads itself", () => {
    const input = { columns: ["Id"], rawTable: "t__raw" };
    expect(() => rawCsvLoadSql(SNOWFLAKE_WAREHOUSE, { ...input, location: "s3://bucket/file.csv" })).toThrow(ValidationError);
    expect(() => rawCsvLoadSql(SNOWFLAKE_WAREHOUSE, { ...input, location: "@stage/a b.csv" })).toThrow(ValidationError);
    expect(() => rawCsvLoadSql(DUCKDB_WAREHOUSE, { ...input, location: "/tmp/file.csv" })).toThrow(/stageCsvInDuckDB/);
    expect(rawCsvLoadSql(SNOWFLAKE_WAREHOUSE, { ...input, location: "@stage/a.csv" })[1]).toContain("FROM @stage/a.csv)");
  });
});

describe("numberCsvRecords", () => {
  const fixture = (name: string) => fileURLToPath(new URL(`../../sources/test/fixtures/${name}`, import.meta.url));
  const cases: [string, string][] = [
    ["fixture Contact.csv", readFileSync(fixture("salesforce/Contact.csv"), "utf8")],
    ["fixture leads.csv", readFileSync(fixture("marketo/leads.csv"), "utf8")],
    ["CRLF, quoted line breaks, an empty line, a byte-order mark", '\uFEFFId,Note\r\n1,"two\r\nlines"\r\n\r\n2,"a ""quoted"" word"\r\n3,\r\n4,"x,y"'],
    ["LF, empty lines, no line end at the end", 'Id,Note\n\n1,"a\n\nb"\n2,c\n\n3,d'],
    ["a lone CR ending lines", "Id,Note\r1,a\r2,b\r"],
  ];
  for (const [name, text] of cases)
    it(`numbers each record of ${name} as DuckDB reads the original file`, async () => {
      const input = join(dir, "in.csv");
      const output = join(dir, "out.csv");
      writeFileSync(input, text);
      const { records } = await numberCsvRecords(input, output);
      const engine = await duckdb();
      try {
        const read = (path: string) => `read_csv(${DUCKDB_WAREHOUSE.literal(path)}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')`;
        // as stageCsvInDuckDB numbers records: a table keeps the file's order, rowid + 1
        await engine.query(`CREATE TABLE original AS SELECT * FROM ${read(input)}`);
        const original = await engine.query("SELECT rowid + 1 AS _record, * FROM original ORDER BY rowid");
        const numbered = await engine.query(`SELECT * REPLACE (CAST(_record AS BIGINT) AS _record) FROM ${read(output)}`);
        expect(numbered).toEqual(original);
        expect(records).toBe(original.length);
        expect(records).toBeGreaterThan(0);
      } finally {
        await engine.close();
      }
    });
});
