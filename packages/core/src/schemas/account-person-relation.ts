import type { DeepReadonly } from "../deep-readonly.js";
import { z } from "zod";
import { DateSchema } from "../values.js";
import { EntityIdSchema, entityBase } from "./common.js";

/**
 * A link between a person and an account. Many-to-many: a person may belong to
 * several accounts (Salesforce AccountContactRelation), and several links between
 * the same pair merge into one in a Snapshot.
 */
export const AccountPersonRelationSchema = z.object({
  id: z.string().min(1).optional(),
  accountId: EntityIdSchema,
  personId: EntityIdSchema,
  /** The person's roles at the account (Decision Maker, Influencer, …). */
  roles: z.array(z.string()).optional(),
  /** True for the person's own account (Contact.AccountId), false for an indirect relation. Default true. */
  isDirect: z.boolean().optional(),
  /** Inactive links are kept but do not make the person one of the account's people. Default true. */
  isActive: z.boolean().optional(),
  isPrimary: z.boolean().optional(),
  startDate: DateSchema.nullish(),
  endDate: DateSchema.nullish(),
  /** Why this link exists (the rule that made it), for provenance. */
  reason: z.string().optional(),
  ...entityBase,
});
export type AccountPersonRelation = z.infer<typeof AccountPersonRelationSchema>;
/** What {@link AccountPersonRelationSchema} accepts: the type to write a record literal against (a typo or a wrong type fails to compile). */
export interface AccountPersonRelationInput extends DeepReadonly<z.input<typeof AccountPersonRelationSchema>> {}
