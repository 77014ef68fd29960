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
  return Date.parse(value);
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
