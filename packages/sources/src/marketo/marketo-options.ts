import { FieldTypeSchema, type FieldType } from "@abm-kit/core";
import { z } from "zod";
import { ConsentColumnSchema, type ConsentColumn } from "../read/consent-columns.js";

/** Options of the Marketo readers. */
export interface MarketoReadOptions {
  /** The Munchkin id of the instance, recorded in source keys. */
  readonly instance?: string;
  /** The name reports use for the file (default: the file's base name). */
  readonly name?: string;
  /** Declared types of custom fields; others are inferred from the values. */
  readonly fieldTypes?: Readonly<Record<string, FieldType>>;
  /** More boolean lead fields that state consent (`adOptOut: { channel: "advertising", optOutWhen: true }`). */
  readonly consentColumns?: Readonly<Record<string, ConsentColumn>>;
  /** Activity type names by id, beside (and over) the standard table. */
  readonly activityTypes?: Readonly<Record<number, string>>;
}

/** {@link MarketoReadOptions}, checked by every Marketo reader (a `ValidationError` names each bad option). */
export const MarketoReadOptionsSchema: z.ZodType<MarketoReadOptions> = z.object({
  instance: z.string().min(1).optional(),
  name: z.string().min(1).optional(),
  fieldTypes: z.record(z.string(), FieldTypeSchema).optional(),
  consentColumns: z.record(z.string(), ConsentColumnSchema).optional(),
  activityTypes: z.record(z.string().regex(/^\d+$/, "expected an activity type id"), z.string().min(1)).optional(),
});
