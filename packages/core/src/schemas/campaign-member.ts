import type { DeepReadonly } from "../deep-readonly.js";
import { z } from "zod";
import { InstantSchema } from "../values.js";
import { EntityIdSchema, entityBase, optionalBoolean, optionalString } from "./common.js";

/** A person's membership of a campaign. */
export const CampaignMemberSchema = z.object({
  id: z.string().min(1).optional(),
  campaignId: EntityIdSchema,
  personId: EntityIdSchema,
  status: optionalString(),
  hasResponded: optionalBoolean(),
  firstRespondedAt: InstantSchema.nullish(),
  createdAt: InstantSchema.nullish(),
  ...entityBase,
});
export type CampaignMember = z.infer<typeof CampaignMemberSchema>;
/** What {@link CampaignMemberSchema} accepts: the type to write a record literal against (a typo or a wrong type fails to compile). */
export interface CampaignMemberInput extends DeepReadonly<z.input<typeof CampaignMemberSchema>> {}
