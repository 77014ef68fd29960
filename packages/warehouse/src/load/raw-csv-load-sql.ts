import { ValidationError } from "@abm-kit/core";
import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";

/** What {@link rawCsvLoadSql} reads and writes. */
export interface RawCsvLoadInput {
  /** The file's column names, in header order (`readCsvHeader`). */
  readonly columns: readonly string[];
  /** The table to create: `_record` (1-based record number) and one text column per header column, as `typedStagingSql` reads it. */
  readonly rawTable: string;
  /**
   * Where the engine reads the file: Snowflake a stage path (`@exports/Contact.csv`),
   * BigQuery a Cloud Storage URI of the file numbered by `numberCsvRecords`
   * (`gs://bucket/Contact.numbered.csv`), Spark a path its readers take
   * (`s3a://bucket/Contact.csv`, `dbfs:/exports/Contact.csv`).
   */
  readonly location: string;
}

/** A Snowflake stage path as COPY reads it unquoted: `@`, then no space, quote or semicolon. */
const STAGE_PATH = /^@[^\s'";]+$/;

/**
 * The statements that read a CSV export into a raw text table on Snowflake,
 * BigQuery or Spark SQL, every column as text, with the record number the
 * typed staging needs (DuckDB and PostgreSQL load with `stageCsvInDuckDB` /
 * `stageCsvInPostgres`, which stream the file from Node):
 *
 * - Snowflake: `COPY INTO` a work table from the staged file with a CSV file
 *   format (header skipped, `"` quoting, backslashes and `\N` read as they are),
 *   keeping `METADATA$FILE_ROW_NUMBER`; the raw table numbers records in that order.
 * - BigQuery: `LOAD DATA` from Cloud Storage; a load keeps no file order, so the
 *   file must carry its record number as a first `_record` column (`numberCsvRecords`
 *   writes that copy).
 * - Spark SQL: a temporary view `USING csv` (multi-line, `"` quoting, fail on a
 *   malformed record) and a table numbering its rows in file order
 *   (`monotonically_increasing_id` of the one, unsplit, multi-line file).
 *
 * Statements in order, no trailing semicolons; a location the statement cannot
 * hold raises a `ValidationError`.
 */
export function rawCsvLoadSql(d: WarehouseDialect, input: RawCsvLoadInput): string[] {
  const q = d.quote;
  const raw = q(input.rawTable);
  const work = q(`${input.rawTable}0`);
  const columns = input.columns.map(q);
  switch (d.name) {
    case "snowflake": {
      if (!STAGE_PATH.test(input.location))
        throw new ValidationError("the Snowflake location", [
          { path: ["location"], message: "a stage path starts with @ and holds no space, quote or semicolon" },
        ]);
      const format = [
        "TYPE = CSV",
        "FIELD_DELIMITER = ','",
        "SKIP_HEADER = 1",
        `FIELD_OPTIONALLY_ENCLOSED_BY = '"'`,
        "ESCAPE_UNENCLOSED_FIELD = NONE",
        "NULL_IF = ()",
        "EMPTY_FIELD_AS_NULL = FALSE",
        "ENCODING = 'UTF8'",
        "ERROR_ON_COLUMN_COUNT_MISMATCH = TRUE",
      ].join(" ");
      return [
        `CREATE TABLE ${work} (_file_row BIGINT, ${columns.map((c) => `${c} VARCHAR`).join(", ")})`,
        `COPY INTO ${work} (_file_row, ${columns.join(", ")}) FROM (SELECT METADATA$FILE_ROW_NUMBER, ${columns.map((_, i) => `$${i + 1}`).join(", ")} FROM ${input.location}) FILE_FORMAT = (${format}) ON_ERROR = ABORT_STATEMENT`,
        `CREATE TABLE ${raw} AS SELECT row_number() OVER (ORDER BY _file_row) AS _record, ${columns.join(", ")} FROM ${work}`,
        `DROP TABLE ${work}`,
      ];
    }
    case "bigquery": {
      const options = [
        "format = 'CSV'",
        `uris = [${d.literal(input.location)}]`,
        "skip_leading_rows = 1",
        "field_delimiter = ','",
        `quote = '"'`,
        "allow_quoted_newlines = true",
        "preserve_ascii_control_characters = true",
        "encoding = 'UTF-8'",
      ].join(", ");
      return [`LOAD DATA OVERWRITE ${raw} (_record INT64, ${columns.map((c) => `${c} STRING`).join(", ")}) FROM FILES (${options})`];
    }
    case "spark": {
      const options = [
        `path ${d.literal(input.location)}`,
        "header 'true'",
        "multiLine 'true'",
        `quote '"'`,
        `escape '"'`,
        "mode 'FAILFAST'",
        "encoding 'UTF-8'",
        "enforceSchema 'true'",
      ].join(", ");
      return [
        `CREATE TEMPORARY VIEW ${work} (${columns.map((c) => `${c} STRING`).join(", ")}) USING csv OPTIONS (${options})`,
        `CREATE TABLE ${raw} AS SELECT row_number() OVER (ORDER BY _row_id) AS _record, ${columns.join(", ")} FROM (SELECT monotonically_increasing_id() AS _row_id, * FROM ${work}) o`,
        `DROP VIEW ${work}`,
      ];
    }
    default:
      throw new ValidationError("the dialect of a raw CSV load", [
        { path: ["dialect"], message: `${d.name} loads with stageCsvIn${d.name === "duckdb" ? "DuckDB" : "Postgres"}, which streams the file from Node` },
      ]);
  }
}
