import { z } from "zod";

/** File formats the writers produce. */
export const FileFormatSchema = z.enum(["csv", "jsonl", "parquet"]);
/** A file format. */
export type FileFormat = z.infer<typeof FileFormatSchema>;

/** The default number of rows after which a file is split (as the blueprint's platform does). */
export const DEFAULT_MAX_ROWS_PER_FILE = 5_000_000;

/** The default file-name template: destination, audience id and the run's date-time. */
export const DEFAULT_FILE_NAME_TEMPLATE = "%DESTINATION%_%AUDIENCE_ID%_%DATETIME%";

/**
 * How an export is written: format, compression, split size, file-name
 * template and whether incremental files carry exited members with their status.
 */
export const FileExportOptionsSchema = z.object({
  format: FileFormatSchema.default("csv"),
  /** gzip: CSV and JSON Lines files are gzipped (`.gz`); Parquet pages use the GZIP codec. */
  compression: z.enum(["none", "gzip"]).default("none"),
  maxRowsPerFile: z.number().int().positive().default(DEFAULT_MAX_ROWS_PER_FILE),
  /**
   * Tokens: `%DESTINATION%`, `%AUDIENCE_ID%`, `%AUDIENCE_NAME%`, `%DATETIME%`
   * (`YYYYMMDD_HHMMSS` UTC), `%DATE%` (`YYYYMMDD`), `%MODE%`. The result must be
   * one plain file name; anything that could leave the target folder is refused.
   */
  fileNameTemplate: z.string().min(1).default(DEFAULT_FILE_NAME_TEMPLATE),
  /** Incremental exports add a `status` column and rows for exited members. */
  includeExited: z.boolean().default(true),
  /**
   * CSV only: prefix text cells that start with `=`, `+`, `-`, `@`, a tab or a
   * carriage return (and their full-width forms) with a single quote, so a
   * spreadsheet shows them as text instead of running them as formulas
   * (OWASP, CSV injection). Off by default: it changes the data machine
   * readers get (`+1 415…` becomes `'+1 415…`). Numbers in number columns and
   * the header row are never changed.
   */
  escapeFormulas: z.boolean().default(false),
  /** Rows per Parquet row group. */
  parquetRowGroupSize: z.number().int().positive().default(50_000),
});
/** File export options as given. */
export type FileExportOptionsInput = z.input<typeof FileExportOptionsSchema>;
/** File export options after defaults. */
export type FileExportOptions = z.output<typeof FileExportOptionsSchema>;
