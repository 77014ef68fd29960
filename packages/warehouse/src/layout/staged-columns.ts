import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";
import type { SqlRunner } from "../identity/sql-runner.js";

/** A column of a staged table and what kind of value it holds. */
export interface StagedColumn {
  readonly name: string;
  readonly kind: "string" | "number" | "boolean" | "list";
}

/**
 * The columns of a table in the current schema, in table order, with the kind
 * of value each holds as the readers give it: doubles are numbers, booleans
 * booleans, lists of texts lists, everything else (texts, ISO dates and
 * instants) text.
 */
export async function stagedColumns(run: SqlRunner, d: WarehouseDialect, table: string): Promise<StagedColumn[]> {
  const rows = await run(
    `SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_name = ${d.literal(table)} AND table_schema = current_schema() ORDER BY ordinal_position`,
  );
  return rows.map((r) => {
    const type = String(r.type).toUpperCase();
    const kind =
      type.endsWith("[]") || type === "ARRAY"
        ? "list"
        : type === "DOUBLE" || type === "DOUBLE PRECISION"
          ? "number"
          : type === "BOOLEAN"
            ? "boolean"
            : "string";
    return { name: String(r.name), kind };
  });
}
