import type { FieldType } from "@abm-kit/core";
import { parseInstant } from "./parse-value.js";

/**
 * The field type that fits every non-blank value of a column: boolean
 * (`true`/`false`), number, date (`YYYY-MM-DD`), instant (a date-time with a
 * zone), else string. Multi-select picklists cannot be told from text; declare them.
 */
export function inferFieldType(values: Iterable<unknown>): Exclude<FieldType, "multi"> {
  const inference = new FieldTypeInference();
  for (const raw of values) if (!inference.add(raw)) break;
  return inference.result();
}

/** {@link inferFieldType} one value at a time (for a column read in chunks). */
export class FieldTypeInference {
  private readonly fits = { boolean: true, number: true, date: true, instant: true };
  private any = false;
  private settled = false;

  /** Takes a value; returns false once the type is settled as string (later values change nothing). */
  add(raw: unknown): boolean {
    if (this.settled) return false;
    if (raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "")) return true;
    this.any = true;
    const fits = this.fits;
    const t = typeof raw === "string" ? raw.trim() : raw;
    if (typeof t === "object") {
      this.settled = true;
      return false;
    }
    const text = String(t);
    if (fits.boolean && !(typeof t === "boolean" || /^(true|false)$/i.test(text))) fits.boolean = false;
    if (fits.number && !(typeof t === "number" || /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text))) fits.number = false;
    if (fits.date && !/^\d{4}-\d{2}-\d{2}$/.test(text)) fits.date = false;
    if (fits.instant && (typeof t !== "string" || parseInstant(text) === undefined)) fits.instant = false;
    if (!fits.boolean && !fits.number && !fits.date && !fits.instant) this.settled = true;
    return !this.settled;
  }

  result(): Exclude<FieldType, "multi"> {
    if (this.settled || !this.any) return "string";
    if (this.fits.boolean) return "boolean";
    if (this.fits.number) return "number";
    if (this.fits.date) return "date";
    if (this.fits.instant) return "instant";
    return "string";
  }
}
