import type { Table } from "@abm-kit/core";
import type { CellValue } from "../definition/member.js";

/** The mapping source field that reads an entity's source keys (`person.sourceKeys`, `account.sourceKeys`). */
export const SOURCE_KEYS_FIELD = "sourceKeys";

/**
 * A getter of the source keys of a row, each as `system/instance/object/id`
 * (`salesforce/00D5g000004ABCD/Contact/0035g00000XyZaBAAV`): where the entity
 * came from, so a destination can address the record it came from.
 * An entity without source keys gives `null`.
 */
export function sourceKeysGetter(table: Table): (row: number) => CellValue {
  return (row) => {
    const keys = table.sourceKeysOf(row);
    return keys.length === 0 ? null : keys;
  };
}
