import type { DeepReadonly } from "../deep-readonly.js";
import { z } from "zod";
import { EntityIdSchema, entityBase, optionalBoolean, optionalString } from "./common.js";

/** A person's role on an opportunity (Salesforce OpportunityContactRole). */
export const OpportunityPersonRoleSchema = z.object({
  id: z.string().min(1).optional(),
  opportunityId: EntityIdSchema,
  personId: EntityIdSchema,
  role: optionalString(),
  isPrimary: optionalBoolean(),
  ...entityBase,
});
export type OpportunityPersonRole = z.infer<typeof OpportunityPersonRoleSchema>;
/** What {@link OpportunityPersonRoleSchema} accepts: the type to write a record literal against (a typo or a wrong type fails to compile). */
export interface OpportunityPersonRoleInput extends DeepReadonly<z.input<typeof OpportunityPersonRoleSchema>> {}
