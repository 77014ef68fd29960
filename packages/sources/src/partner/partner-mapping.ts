import { FieldTypeSchema, type FieldType } from "@abm-kit/core";
import { z } from "zod";

/** A column of a partner file and the related-table field it fills. */
export interface PartnerField {
  readonly column: string;
  readonly type: FieldType;
}

/** How a partner file maps to a related table keyed by domain or DUNS. */
export interface PartnerFileMapping {
  /** The related table the rows go to. */
  readonly table: string;
  readonly keyedBy: "domain" | "duns";
  /** The column with the domain (any website spelling) or the DUNS number. */
  readonly keyColumn: string;
  /** Table fields by name. */
  readonly fields: Readonly<Record<string, PartnerField>>;
  /** The source system recorded in source keys (`partner:bombora`). */
  readonly system: string;
  /** Optionally, also emit an account event per row that passes `minimum` (an intent surge). */
  readonly accountEvents?: {
    readonly type: string;
    /** The date or instant field the event happened at. */
    readonly at: string;
    readonly minimum?: { readonly field: string; readonly value: number };
    /** Fields copied into the event's properties. */
    readonly properties?: readonly string[];
  };
}

/**
 * {@link PartnerFileMapping}, checked by `readPartnerCsv` and `loadExports`: a
 * `ValidationError` names each bad part, including event settings that name a
 * field the mapping does not have (`accountEvents.at` must be a date or instant
 * field, `minimum.field` a number field).
 */
export const PartnerFileMappingSchema: z.ZodType<PartnerFileMapping> = z
  .object({
    table: z.string().min(1),
    keyedBy: z.enum(["domain", "duns"]),
    keyColumn: z.string().min(1),
    fields: z.record(z.string().min(1), z.object({ column: z.string().min(1), type: FieldTypeSchema })),
    system: z.string().min(1),
    accountEvents: z
      .object({
        type: z.string().min(1),
        at: z.string().min(1),
        minimum: z.object({ field: z.string().min(1), value: z.number() }).optional(),
        properties: z.array(z.string().min(1)).optional(),
      })
      .optional(),
  })
  .superRefine((m, ctx) => {
    const events = m.accountEvents;
    if (events === undefined) return;
    const typeOf = (field: string) => (Object.hasOwn(m.fields, field) ? m.fields[field]!.type : undefined);
    if (!["date", "instant"].includes(typeOf(events.at) ?? ""))
      ctx.addIssue({ code: "custom", path: ["accountEvents", "at"], message: `${events.at} is not a date or instant field of the mapping` });
    if (events.minimum && typeOf(events.minimum.field) !== "number")
      ctx.addIssue({ code: "custom", path: ["accountEvents", "minimum", "field"], message: `${events.minimum.field} is not a number field of the mapping` });
    events.properties?.forEach((field, i) => {
      if (typeOf(field) === undefined)
        ctx.addIssue({ code: "custom", path: ["accountEvents", "properties", i], message: `${field} is not a field of the mapping` });
    });
  });
