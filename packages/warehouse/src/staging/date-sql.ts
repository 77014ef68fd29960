import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";

/** Days in month `m` of year `y` (integers), in SQL. */
const daysInMonth = (y: string, m: string) =>
  `CASE WHEN ${m} = 2 THEN CASE WHEN (${y} % 4 = 0 AND ${y} % 100 <> 0) OR ${y} % 400 = 0 THEN 29 ELSE 28 END WHEN ${m} IN (4, 6, 9, 11) THEN 30 ELSE 31 END`;

/**
 * Whether a text already known to be `dddd-dd-dd` is a real day as
 * `dateToEpochMs` of `@abm-kit/core` reads it: a month 1–12, a day of that
 * month, and a year of at least 100 (JavaScript reads years 0–99 as 1900–1999,
 * so the core refuses them).
 */
export function validDateSql(dialect: WarehouseDialect, text: string): string {
  const y = dialect.toInt(`substr(${text}, 1, 4)`);
  const m = dialect.toInt(`substr(${text}, 6, 2)`);
  const d = dialect.toInt(`substr(${text}, 9, 2)`);
  return `(${y} >= 100 AND ${m} BETWEEN 1 AND 12 AND ${d} BETWEEN 1 AND ${daysInMonth(y, m)})`;
}
