import { z } from "zod";
import { FieldTypeSchema } from "@abm-kit/core";

/** The fields of one table by name, with their types (a field name is also its column name). */
export const SqlFieldsSchema = z.record(z.string().min(1), FieldTypeSchema);
/** Fields of a table by name. */
export type SqlFields = z.infer<typeof SqlFieldsSchema>;

/** A related table: its fields and whose rows it joins (accounts or persons). */
export const SqlRelatedTableSchema = z.strictObject({
  keyedBy: z.enum(["account", "person", "domain", "duns"]),
  ownerKind: z.enum(["account", "person"]),
  fields: SqlFieldsSchema,
});
/** A related table of a layout. */
export type SqlRelatedTable = z.infer<typeof SqlRelatedTableSchema>;

/**
 * The tables a compiled audience reads: the fields (columns) of each Snapshot
 * table with their types. Compiling needs it to know which fields exist and
 * how to compare them (dates by day, multi-value fields as arrays, …).
 */
export const SqlLayoutSchema = z.strictObject({
  accounts: SqlFieldsSchema,
  persons: SqlFieldsSchema,
  links: SqlFieldsSchema,
  opportunities: SqlFieldsSchema,
  opportunityRoles: SqlFieldsSchema,
  campaigns: SqlFieldsSchema,
  campaignMembers: SqlFieldsSchema,
  personEvents: SqlFieldsSchema,
  accountEvents: SqlFieldsSchema,
  related: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/), SqlRelatedTableSchema),
});
/** The fields of every table a compiled audience reads. */
export type SqlLayout = z.infer<typeof SqlLayoutSchema>;

/** The Snapshot tables of a layout other than related tables. */
export type SqlEntityTable = Exclude<keyof SqlLayout, "related">;
