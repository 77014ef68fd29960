import { z } from "zod";

const ValueTypeSchema = z.enum(["string", "id", "salesforceId", "number", "integer", "boolean", "date", "instant", "multi"]);
const IdentityColumnSchema = z.object({ column: z.string().min(1), namespace: z.string().min(1) });

/**
 * A declared mapping from any CSV or JSON file to persons, accounts or events
 * (an event mapping names its owner column, its time column and its type).
 * `fields` maps a column to a standard field of the entity (`email`, `name`,
 * `industry`, …) with the column's type; other columns are kept as attributes.
 */
export const FieldMappingSchema = z
  .object({
    entity: z.enum(["person", "account", "event"]),
    /** The source system recorded in source keys (`webinar-tool`). */
    system: z.string().min(1),
    /** The object name in that system, for source keys. */
    object: z.string().min(1).optional(),
    /** The column with the record's id. */
    idColumn: z.string().min(1),
    /** The namespace of the record's own key (persons and accounts), e.g. `webinar.registrant`. */
    namespace: z.string().min(1).optional(),
    /** Standard fields by column: `{ "E-mail": { field: "email", type: "string" } }`. */
    fields: z.record(z.string().min(1), z.object({ field: z.string().min(1), type: ValueTypeSchema })).default({}),
    /** Columns holding identities of the record in other namespaces (`crmContactId` → `salesforce.contact`). */
    identities: z.array(IdentityColumnSchema).default([]),
    /** Persons: the column naming the person's account, its namespace, and the link rule (default `mapped`). */
    account: IdentityColumnSchema.extend({ rule: z.string().min(1).optional() }).optional(),
    /** Events: the column naming the owning person (or `account`), and its namespace. */
    owner: IdentityColumnSchema.extend({ kind: z.enum(["person", "account"]).default("person") }).optional(),
    /** Events: a fixed event type, or the column holding it. */
    eventType: z.union([z.string().min(1), z.object({ column: z.string().min(1) })]).optional(),
    /** Events: the column with the time (an instant with zone, or a date). */
    occurredAtColumn: z.string().min(1).optional(),
  })
  .superRefine((m, ctx) => {
    if (m.entity !== "event") return;
    const need = (key: "owner" | "occurredAtColumn" | "eventType", what: string) => {
      if (m[key] === undefined) ctx.addIssue({ code: "custom", path: [key], message: `an event mapping needs ${what}` });
    };
    need("owner", "the column naming the owner");
    need("occurredAtColumn", "the column with the time");
    need("eventType", "a type or the column holding it");
  });
export type FieldMapping = z.input<typeof FieldMappingSchema>;
