import { AbmKitError } from "@abm-kit/core";

/** A file could not be loaded into the warehouse (the engine refused the CSV or a statement); the engine's message is in `problems`. */
export class WarehouseLoadError extends AbmKitError<"WAREHOUSE_LOAD_FAILED"> {
  constructor(engine: "DuckDB" | "PostgreSQL", file: string, cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super("WAREHOUSE_LOAD_FAILED", `loading ${file} into ${engine} failed: ${detail}`, [{ path: [file], message: detail }], { cause });
  }
}

/** Runs a load; an engine error becomes a {@link WarehouseLoadError} (a typed error passes through). */
export async function loadStep<T>(engine: "DuckDB" | "PostgreSQL", file: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AbmKitError) throw error;
    throw new WarehouseLoadError(engine, file, error);
  }
}
