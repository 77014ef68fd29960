import type { FieldType } from "@abm-kit/core";
import { parseInstant } from "./parse-value.js";

/**
 * The field type that fits every non-blank value of a column: boolean
 * (`true`/`false`), number, date (`YYYY-MM-DD`), instant (a date-time with a
 * zone), else string. Multi-select picklists cannot be told from text; declare them.
 */
export function inferFieldType(values: Iterable<unknown>): Exclude<FieldType, "multi"> {
  const fits = { boolean: true, number: true, date: true, instant: true };
  let any = false;
  for (const raw of values) {
    if (raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "")) continue;
    any = true;
    const t = typeof raw === "string" ? raw.trim() : raw;
    if (typeof t === "object") return "string";
    const text = String(t);
    if (fits.boolean && !(typeof t === "boolean" || /^(true|false)$/i.test(text))) fits.boolean = false;
    if (fits.number && !(typeof t === "number" || /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text))) fits.number = false;
    if (fits.date && !/^\d{4}-\d{2}-\d{2}$/.test(text)) fits.date = false;
    if (fits.instant && (typeof t !== "string" || parseInstant(text) === undefined)) fits.instant = false;
    if (!fits.boolean && !fits.number && !fits.date && !fits.instant) return "string";
  }
  if (!any) return "string";
  if (fits.boolean) return "boolean";
  if (fits.number) return "number";
  if (fits.date) return "date";
  if (fits.instant) return "instant";
  return "string";
}
