import type { DeepReadonly } from "../deep-readonly.js";
import { z } from "zod";
import { InstantSchema } from "../values.js";
import { EntityIdSchema, entityBase, optionalString } from "./common.js";

/** Whether a person agreed to be reached on a channel. */
export const ConsentStateSchema = z.enum(["granted", "denied", "unknown"]);
export type ConsentState = z.infer<typeof ConsentStateSchema>;

/** Consent by channel (`email`, `advertising`, `phone`, …). A channel not listed is `unknown`. */
export const ConsentSchema = z.record(z.string().min(1), ConsentStateSchema);
export type Consent = z.infer<typeof ConsentSchema>;

/** A person: a Salesforce contact or lead, a Marketo lead, … after unification. */
export const PersonSchema = z.object({
  id: EntityIdSchema,
  email: optionalString(),
  firstName: optionalString(),
  lastName: optionalString(),
  title: optionalString(),
  jobFunction: optionalString(),
  seniority: optionalString(),
  department: optionalString(),
  phone: optionalString(),
  country: optionalString(),
  city: optionalString(),
  consent: ConsentSchema.optional(),
  createdAt: InstantSchema.nullish(),
  updatedAt: InstantSchema.nullish(),
  ...entityBase,
});
export type Person = z.infer<typeof PersonSchema>;
/** What {@link PersonSchema} accepts: the type to write a record literal against (a typo or a wrong type fails to compile). */
export interface PersonInput extends DeepReadonly<z.input<typeof PersonSchema>> {}
