import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";

/**
 * `JSON.stringify` of a text in SQL, for problem messages: the text between
 * double quotes with `\` and `"` escaped (other control characters are left as
 * they are, where JSON would escape them).
 */
export const jsonTextSql = (d: WarehouseDialect, expr: string) =>
  `(${d.literal('"')} || replace(replace(${expr}, ${d.literal("\\")}, ${d.literal("\\\\")}), ${d.literal('"')}, ${d.literal('\\"')}) || ${d.literal('"')})`;
