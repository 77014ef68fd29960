import type { DeepReadonly } from "../deep-readonly.js";
import { z } from "zod";
import { SourceKeySchema } from "../source-key.js";
import { AttributesSchema, FieldDefinitionsSchema } from "../values.js";

/** What a related table's rows are keyed to. Domain- and DUNS-keyed rows join accounts. */
export const RelatedKeySchema = z.enum(["account", "person", "domain", "duns"]);
export type RelatedKey = z.infer<typeof RelatedKeySchema>;

/**
 * A user-declared table of rows related to accounts or persons: owned products
 * and assets, intent signals, technographics, firmographic partner rows, …
 */
export const RelatedTableDefinitionSchema = z.object({
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, "a table name is a letter then letters, digits or _"),
  keyedBy: RelatedKeySchema,
  fields: FieldDefinitionsSchema,
  description: z.string().optional(),
});
export type RelatedTableDefinition = z.infer<typeof RelatedTableDefinitionSchema>;

/** One row of a related table. `key` is an account id, a person id, a domain (any spelling) or a DUNS number. */
export const RelatedRowSchema = z.object({
  id: z.string().min(1).optional(),
  key: z.string().min(1),
  values: AttributesSchema,
  sourceKeys: z.array(SourceKeySchema).optional(),
});
export type RelatedRow = z.infer<typeof RelatedRowSchema>;
/** What {@link RelatedRowSchema} accepts: the type to write a record literal against (a typo or a wrong type fails to compile). */
export interface RelatedRowInput extends DeepReadonly<z.input<typeof RelatedRowSchema>> {}
