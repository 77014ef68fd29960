import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";
import type { SqlRunner } from "../identity/sql-runner.js";

/**
 * Of events that share an id (two activity files holding one activity), keeps
 * the first in load order among those whose owner resolved: the others get no
 * owner in `<prefix>owner_ids`, so they are left out. (The identity graph
 * keeps the copy whose JSON text is the smallest; copies of one export agree.)
 */
export async function keepFirstEventCopies(run: SqlRunner, d: WarehouseDialect, prefix: string): Promise<void> {
  const t = (name: string) => d.quote(`${prefix}${name}`);
  await run(
    `UPDATE ${t("owner_ids")} SET entity_id = NULL WHERE ref IN (SELECT ref FROM (SELECT s.ref, row_number() OVER (PARTITION BY s.id ORDER BY s.ref) AS copy FROM ${t("src")} s JOIN ${t("owner_ids")} o ON o.ref = s.ref WHERE o.entity_id IS NOT NULL) v WHERE copy > 1)`,
  );
}
