import type { DeepReadonly } from "../deep-readonly.js";
import { z } from "zod";
import { DateSchema, InstantSchema } from "../values.js";
import { EntityIdSchema, entityBase, optionalBoolean, optionalNumber, optionalString } from "./common.js";

/** A sales opportunity on an account. */
export const OpportunitySchema = z.object({
  id: EntityIdSchema,
  accountId: EntityIdSchema.nullish(),
  name: optionalString(),
  stage: optionalString(),
  amount: optionalNumber(),
  /** ISO-4217 currency code of `amount`. */
  currency: z.string().length(3).nullish(),
  closeDate: DateSchema.nullish(),
  isClosed: optionalBoolean(),
  isWon: optionalBoolean(),
  type: optionalString(),
  probability: optionalNumber(),
  createdAt: InstantSchema.nullish(),
  ...entityBase,
});
export type Opportunity = z.infer<typeof OpportunitySchema>;
/** What {@link OpportunitySchema} accepts: the type to write a record literal against (a typo or a wrong type fails to compile). */
export interface OpportunityInput extends DeepReadonly<z.input<typeof OpportunitySchema>> {}
