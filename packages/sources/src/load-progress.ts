/** What `loadExports` reports as it goes. */
export interface LoadProgress {
  /**
   * `reading`: a file is being read (and its records added to the graph) —
   * repeated as its bytes and records arrive; `read`: a file is done (its
   * report is final); `done`: every file is read.
   */
  readonly phase: "reading" | "read" | "done";
  /** The file's name (as in its report); absent for `done`. */
  readonly file?: string;
  /** The file's position in the list (0-based), and how many files there are. */
  readonly fileIndex: number;
  readonly fileCount: number;
  /** Bytes of the file read so far, and its size when known (CSV files and text inputs). */
  readonly bytes: number;
  readonly totalBytes?: number;
  /** Records of the file parsed so far. */
  readonly rows: number;
}
