import type { ErrorCodeOf } from "@abm-kit/core";

/** Every `code` of an error `@abm-kit/warehouse` raises, with what it means. */
export const WAREHOUSE_ERROR_CODES = {
  VALIDATION_FAILED:
    "A CSV header is unusable (no header, a column without a name, or a name given twice, compared without case), or `loadExportsIntoWarehouse` was given a file it cannot load (text, JSON), two fillers of one table, or an attribute with two types in two files, or a DuckDB connection with `preserve_insertion_order` off (`ValidationError`).",
  WAREHOUSE_LOAD_FAILED: "DuckDB or PostgreSQL refused a file or a statement while loading it; the engine's message is in `problems` (`WarehouseLoadError`).",
} as const;
/** A code of an error `@abm-kit/warehouse` raises. */
export type WarehouseErrorCode = ErrorCodeOf<typeof WAREHOUSE_ERROR_CODES>;
