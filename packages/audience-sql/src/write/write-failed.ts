import { AbmKitError } from "@abm-kit/core";

/**
 * The database refused a statement while a Snapshot was written into it
 * (code `SNAPSHOT_WRITE_FAILED`). The problem's path names the table, its
 * code is the database's error code when it gives one (PostgreSQL's SQLSTATE),
 * and `cause` is the database's own error.
 */
export class SnapshotWriteError extends AbmKitError<"SNAPSHOT_WRITE_FAILED"> {
  constructor(engine: "DuckDB" | "PostgreSQL", step: string, table: string, cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    const code = typeof (cause as { code?: unknown } | null)?.code === "string" ? (cause as { code: string }).code : undefined;
    super(
      "SNAPSHOT_WRITE_FAILED",
      `writing the snapshot into ${engine} failed while ${step} ${table}: ${detail}`,
      [{ path: [table], message: detail, ...(code === undefined ? {} : { code }) }],
      { cause },
    );
  }
}

/** Runs one database step; an error becomes a {@link SnapshotWriteError} (a typed error passes through). */
export async function writeStep<T>(engine: "DuckDB" | "PostgreSQL", step: string, table: string, run: () => Promise<T> | T): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AbmKitError) throw error;
    throw new SnapshotWriteError(engine, step, table, error);
  }
}
