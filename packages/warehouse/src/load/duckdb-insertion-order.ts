import { ValidationError } from "@abm-kit/core";
import type { DuckDBRunner } from "./stage-duckdb.js";

/**
 * Refuses a DuckDB connection with `preserve_insertion_order` off: the staged
 * tables number records by their row order, which is the file's order only
 * while DuckDB keeps insertion order (off, `read_csv` may store chunks out of
 * order, and the record numbers, problem lines and "first" of a repeated id
 * would be wrong). The setting is the caller's; it is read, never changed.
 */
export async function checkInsertionOrder(connection: DuckDBRunner): Promise<void> {
  const [row] = (await connection.runAndReadAll("SELECT current_setting('preserve_insertion_order') AS keep")).getRowObjectsJson() as { keep: unknown }[];
  if (row?.keep === false || row?.keep === "false")
    throw new ValidationError("the DuckDB connection", [
      {
        path: ["connection", "preserve_insertion_order"],
        message: "staging numbers records in the file's order, which DuckDB keeps only with insertion order preserved: SET preserve_insertion_order = true",
      },
    ]);
}
