import type { WarehouseDialect } from "../dialect/warehouse-dialect.js";
import { validDateSql } from "./date-sql.js";

/** `parseInstant`'s pattern, with the groups the SQL needs: date, hours, minutes, seconds, fraction, zone. */
export const INSTANT_PATTERN = "^([0-9]{4}-[0-9]{2}-[0-9]{2})[Tt ]([0-9]{2}):([0-9]{2})(:([0-9]{2})(\\.([0-9]{1,9}))?)?([Zz]|[+-][0-9]{2}:?[0-9]{2})$";

/**
 * An instant column in SQL, as `parseInstant` of `@abm-kit/sources`: the ISO
 * text in UTC with milliseconds, or NULL when the trimmed text `t` is not a
 * date-time with a zone. Hours may be 24 only at 24:00:00 (the next midnight,
 * as JavaScript reads it); fractions beyond milliseconds are cut, as
 * JavaScript does.
 */
export function instantSql(d: WarehouseDialect, t: string): { readonly value: string } {
  const g = (n: number) => d.group(t, INSTANT_PATTERN, n);
  const int = (n: number) => d.toInt(`coalesce(nullif(${g(n)}, ''), '0')`);
  const zone = `upper(${g(8)})`;
  const zoneDigits = `replace(substr(${zone}, 2), ':', '')`;
  const offsetMinutes = `CASE WHEN ${zone} = 'Z' THEN 0 ELSE (CASE WHEN substr(${zone}, 1, 1) = '-' THEN -1 ELSE 1 END) * (${d.toInt(`substr(${zoneDigits}, 1, 2)`)} * 60 + ${d.toInt(`substr(${zoneDigits}, 3, 2)`)}) END`;
  const millis = d.toInt(`rpad(substr(coalesce(nullif(${g(7)}, ''), '0'), 1, 3), 3, '0')`);
  const ok = `coalesce(CASE WHEN ${d.matches(t, INSTANT_PATTERN)} THEN ${validDateSql(d, g(1))}
    AND (${int(2)} < 24 OR (${int(2)} = 24 AND ${int(3)} = 0 AND ${int(5)} = 0 AND ${millis} = 0)) AND ${int(3)} < 60 AND ${int(5)} < 60
    AND (${zone} = 'Z' OR (${d.toInt(`substr(${zoneDigits}, 1, 2)`)} < 24 AND ${d.toInt(`substr(${zoneDigits}, 3, 2)`)} < 60)) END, FALSE)`;
  const ms = `(${int(2)} * 3600000 + ${int(3)} * 60000 + ${int(5)} * 1000 + ${millis} - (${offsetMinutes}) * 60000)`;
  return { value: `CASE WHEN ${ok} THEN ${d.instantText(g(1), ms)} END` };
}
