import type { DeepReadonly } from "../deep-readonly.js";
import { z } from "zod";
import { InstantSchema } from "../values.js";
import { EntityIdSchema, entityBase, optionalNumber, optionalString } from "./common.js";

/** A company: the unit of an account audience. */
export const AccountSchema = z.object({
  id: EntityIdSchema,
  name: optionalString(),
  /** The company's website or domain in any spelling (`https://www.acme.com/about`, `ACME.COM`). */
  domain: optionalString(),
  industry: optionalString(),
  employeeCount: z.number().int().nonnegative().nullish(),
  annualRevenue: optionalNumber(),
  country: optionalString(),
  /** Dun & Bradstreet number; an attribute, not an identity. */
  duns: optionalString(),
  /** CRM account type (Customer, Prospect, Partner, …). */
  type: optionalString(),
  ownerId: optionalString(),
  parentAccountId: optionalString(),
  createdAt: InstantSchema.nullish(),
  updatedAt: InstantSchema.nullish(),
  ...entityBase,
});
export type Account = z.infer<typeof AccountSchema>;
/** What {@link AccountSchema} accepts: the type to write a record literal against (a typo or a wrong type fails to compile). */
export interface AccountInput extends DeepReadonly<z.input<typeof AccountSchema>> {}
