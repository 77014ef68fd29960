import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";

/** The default table problems go to: one row per problem, rejected records have a problem of severity `error`. */
export const PROBLEMS_TABLE = "load_problems";

/** `CREATE TABLE IF NOT EXISTS` of the problems table: file, line, record, field, severity, code, message. */
export function problemsTableDdl(d: WarehouseDialect, table: string = PROBLEMS_TABLE): string {
  const text = d.textType;
  return `CREATE TABLE IF NOT EXISTS ${d.quote(table)} (file ${text} NOT NULL, line ${d.bigintType}, record ${d.bigintType} NOT NULL, field ${text}, severity ${text} NOT NULL, code ${text} NOT NULL, message ${text} NOT NULL)`;
}
