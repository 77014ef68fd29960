import type { DeepReadonly } from "../deep-readonly.js";
import { z } from "zod";
import { SourceKeySchema } from "../source-key.js";
import { InstantSchema } from "../values.js";
import { EntityIdSchema } from "./common.js";

/** A scalar event property value; `null` means missing. */
export const EventPropertyValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/**
 * Something that happened: a web visit, an email open, a form fill, a webinar
 * (owned by a person), or an intent surge (owned directly by an account).
 * Exactly one of `personId` and `accountId` is set.
 */
export const ActivityEventSchema = z
  .object({
    id: z.string().min(1),
    /** A named event type (`Visit Webpage`, `Open Email`, `intent_surge`, …). */
    type: z.string().min(1),
    occurredAt: InstantSchema,
    personId: EntityIdSchema.optional(),
    accountId: EntityIdSchema.optional(),
    /** The page, form or email name, the campaign, the topic, … */
    properties: z.record(z.string().min(1), EventPropertyValueSchema).optional(),
    sourceKeys: z.array(SourceKeySchema).optional(),
  })
  .refine((e) => (e.personId === undefined) !== (e.accountId === undefined), {
    message: "an event is owned by exactly one of personId and accountId",
    path: ["personId"],
  });
export type ActivityEvent = z.infer<typeof ActivityEventSchema>;
/** What {@link ActivityEventSchema} accepts: the type to write a record literal against (a typo or a wrong type fails to compile). */
export interface ActivityEventInput extends DeepReadonly<z.input<typeof ActivityEventSchema>> {}
