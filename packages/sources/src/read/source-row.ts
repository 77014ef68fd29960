/** One input record before mapping: its cells by column (CSV text or JSON values) and where it is. */
export interface SourceRow {
  readonly values: Readonly<Record<string, unknown>>;
  /** The CSV line the record starts on. */
  readonly line?: number;
  /** The 1-based position of a JSON record. */
  readonly record?: number;
}
