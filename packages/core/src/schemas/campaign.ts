import type { DeepReadonly } from "../deep-readonly.js";
import { z } from "zod";
import { DateSchema } from "../values.js";
import { EntityIdSchema, entityBase, optionalBoolean, optionalString } from "./common.js";

/** A marketing campaign. */
export const CampaignSchema = z.object({
  id: EntityIdSchema,
  name: optionalString(),
  type: optionalString(),
  status: optionalString(),
  startDate: DateSchema.nullish(),
  endDate: DateSchema.nullish(),
  isActive: optionalBoolean(),
  ...entityBase,
});
export type Campaign = z.infer<typeof CampaignSchema>;
/** What {@link CampaignSchema} accepts: the type to write a record literal against (a typo or a wrong type fails to compile). */
export interface CampaignInput extends DeepReadonly<z.input<typeof CampaignSchema>> {}
