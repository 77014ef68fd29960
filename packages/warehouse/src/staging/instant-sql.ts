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
 *
 * Without `name` the value reads the pattern's groups where it needs them
 * (one regular expression per use). With `name` it reads them from helper
 * columns (`<name>__g<n>`) that `groups` computes once per row, to be selected
 * one step before the value.
 */
export function instantSql(d: WarehouseDialect, t: string, name?: string): { readonly groups: Readonly<Record<string, string>>; readonly value: string } {
  const used = [1, 2, 3, 5, 7, 8];
  const groups = name === undefined ? {} : Object.fromEntries(used.map((n) => [`${name}__g${n}`, d.group(t, INSTANT_PATTERN, n)]));
  const g = (n: number) => (name === undefined ? d.group(t, INSTANT_PATTERN, n) : `${name}__g${n}`);
  // group 1 (the date) always takes part in a match, and is never empty then
  const matched = name === undefined ? d.matches(t, INSTANT_PATTERN) : `coalesce(${g(1)}, '') <> ''`;
  const int = (n: number) => d.toInt(`coalesce(nullif(${g(n)}, ''), '0')`);
  const zone = `upper(${g(8)})`;
  const zoneDigits = `replace(substr(${zone}, 2), ':', '')`;
  const offsetMinutes = `CASE WHEN ${zone} = 'Z' THEN 0 ELSE (CASE WHEN substr(${zone}, 1, 1) = '-' THEN -1 ELSE 1 END) * (${d.toInt(`substr(${zoneDigits}, 1, 2)`)} * 60 + ${d.toInt(`substr(${zoneDigits}, 3, 2)`)}) END`;
  const millis = d.toInt(`rpad(substr(coalesce(nullif(${g(7)}, ''), '0'), 1, 3), 3, '0')`);
  const ok = `coalesce(CASE WHEN ${matched} THEN ${validDateSql(d, g(1))}
    AND (${int(2)} < 24 OR (${int(2)} = 24 AND ${int(3)} = 0 AND ${int(5)} = 0 AND ${millis} = 0)) AND ${int(3)} < 60 AND ${int(5)} < 60
    AND (${zone} = 'Z' OR (${d.toInt(`substr(${zoneDigits}, 1, 2)`)} < 24 AND ${d.toInt(`substr(${zoneDigits}, 3, 2)`)} < 60)) END, FALSE)`;
  const ms = `(${int(2)} * 3600000 + ${int(3)} * 60000 + ${int(5)} * 1000 + ${millis} - (${offsetMinutes}) * 60000)`;
  return { groups, value: `CASE WHEN ${ok} THEN ${d.instantText(g(1), ms)} END` };
}
