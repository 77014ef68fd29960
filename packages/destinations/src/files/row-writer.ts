import type { ExportRow } from "./export-column.js";

/** A streaming writer of one file: rows go out as they come, never all in memory. */
export interface RowWriter {
  /** Writes rows (waits when the disk is behind). */
  write(rows: readonly ExportRow[]): Promise<void>;
  /** Finishes the file. */
  close(): Promise<void>;
}
