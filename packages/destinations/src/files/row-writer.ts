import type { ExportRow } from "./export-column.js";

/**
 * A streaming writer of one file: rows go out as they come, never all in
 * memory. The file is written under a temporary name beside its path
 * (`.<name>.<hex>.tmp`) and renamed into place by `close`, so the path holds
 * either the whole file or what was there before, even if the process is killed.
 */
export interface RowWriter {
  /** Writes rows (waits when the disk is behind). */
  write(rows: readonly ExportRow[]): Promise<void>;
  /** Finishes the file and moves it into place. */
  close(): Promise<void>;
  /** Gives up: removes the temporary file; the path is left as it was. */
  abort(): Promise<void>;
}
