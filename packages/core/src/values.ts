import { z } from "zod";
import { DataUsageLabelSchema } from "./labels.js";

/** The types a field can hold. `instant` is a UTC moment; `date` a calendar day; `multi` a set of strings. */
export const FieldTypeSchema = z.enum(["string", "number", "boolean", "instant", "date", "multi"]);
export type FieldType = z.infer<typeof FieldTypeSchema>;

/** An ISO-8601 date-time with `Z` or an offset, e.g. `2026-03-01T09:30:00.000Z`. */
export const InstantSchema = z.iso.datetime({ offset: true });
/** An ISO-8601 calendar date, `YYYY-MM-DD`. */
export const DateSchema = z.iso.date();

/**
 * A value of an open attribute (a Salesforce `__c` field, a Marketo custom field,
 * an event property). Instants and dates are ISO strings; their type comes from the
 * field's definition. `null` means missing.
 */
export const AttributeValueSchema = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]);
export type AttributeValue = z.infer<typeof AttributeValueSchema>;

export const AttributesSchema = z.record(z.string().min(1), AttributeValueSchema);
export type Attributes = z.infer<typeof AttributesSchema>;

/** The declaration of a field: its type and its data-usage labels. */
export const FieldDefinitionSchema = z.object({
  type: FieldTypeSchema,
  labels: z.array(DataUsageLabelSchema).optional(),
  description: z.string().optional(),
});
export type FieldDefinition = z.infer<typeof FieldDefinitionSchema>;

/** Field declarations by field name. */
export const FieldDefinitionsSchema = z.record(z.string().min(1), FieldDefinitionSchema);
export type FieldDefinitions = z.infer<typeof FieldDefinitionsSchema>;

const DAY_MS = 86_400_000;

/** Epoch milliseconds of an ISO instant, or NaN when it does not parse. */
export function instantToEpochMs(value: string): number {
  const ms = plainInstantToEpochMs(value, false);
  return ms === ms ? ms : Date.parse(value);
}

/**
 * Epoch milliseconds of an instant in the plain shape
 * `YYYY-MM-DDTHH:MM:SS[.1–9 digits](Z|±HH:MM)` whose date is a day of the
 * calendar (February 30th is not), or NaN for anything else. Where it gives a
 * number, it is {@link instantToEpochMs}'s; it never falls back to
 * `Date.parse`, so it is a cheap, strict check of the common shape.
 */
export function calendarInstantToEpochMs(value: string): number {
  return plainInstantToEpochMs(value, true);
}

/** The digits of `value` from `start` to `end` as a number, or -1 when one is not a digit. */
function digitsAt(value: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/**
 * Days from 1970-01-01 to the first of a month of the proleptic Gregorian
 * calendar (month 1–12), by whole-number arithmetic (the civil-from-days
 * algorithm run backwards), without a call into `Date`.
 */
function daysToMonthStart(year: number, month: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5);
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * The plain shape `YYYY-MM-DDTHH:MM:SS[.1–9 digits](Z|±HH:MM)` read digit by
 * digit, with exactly `Date.parse`'s result (milliseconds truncated from the
 * fraction, days past a month's end rolling over unless `calendarDay`); NaN
 * for anything else, which `Date.parse` then reads.
 */
function plainInstantToEpochMs(value: string, calendarDay: boolean): number {
  const length = value.length;
  if (
    length < 20 ||
    value.charCodeAt(4) !== 45 ||
    value.charCodeAt(7) !== 45 ||
    value.charCodeAt(10) !== 84 ||
    value.charCodeAt(13) !== 58 ||
    value.charCodeAt(16) !== 58
  )
    return Number.NaN;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 7);
  const day = digitsAt(value, 8, 10);
  const hour = digitsAt(value, 11, 13);
  const minute = digitsAt(value, 14, 16);
  const second = digitsAt(value, 17, 19);
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
    return Number.NaN;
  if (calendarDay && day > (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!)) return Number.NaN;
  let i = 19;
  let millis = 0;
  if (value.charCodeAt(i) === 46) {
    const start = ++i;
    while (i < length && value.charCodeAt(i) >= 48 && value.charCodeAt(i) <= 57) i++;
    const digits = i - start;
    if (digits === 0 || digits > 9) return Number.NaN;
    millis = digitsAt(value, start, start + Math.min(digits, 3)) * (digits === 1 ? 100 : digits === 2 ? 10 : 1);
  }
  let offset = 0;
  const zone = value.charCodeAt(i);
  if (zone === 90) {
    if (i + 1 !== length) return Number.NaN;
  } else if (zone === 43 || zone === 45) {
    if (i + 6 !== length || value.charCodeAt(i + 3) !== 58) return Number.NaN;
    const hours = digitsAt(value, i + 1, i + 3);
    const minutes = digitsAt(value, i + 4, i + 6);
    if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return Number.NaN;
    offset = (zone === 43 ? 1 : -1) * (hours * 60 + minutes) * 60_000;
  } else return Number.NaN;
  const days = daysToMonthStart(year, month) + day - 1;
  return days * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + millis - offset;
}

/** Epoch milliseconds of a `YYYY-MM-DD` date at 00:00 UTC, or NaN. */
export function dateToEpochMs(value: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return Number.NaN;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(ms);
  // reject 2026-02-30 and friends
  if (d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) {
    return Number.NaN;
  }
  return ms;
}

/** `YYYY-MM-DD` of epoch milliseconds (UTC). */
export function epochMsToDate(ms: number): string {
  return new Date(Math.floor(ms / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
}

/** ISO instant of epoch milliseconds. */
export function epochMsToInstant(ms: number): string {
  return new Date(ms).toISOString();
}
