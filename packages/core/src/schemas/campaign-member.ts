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
