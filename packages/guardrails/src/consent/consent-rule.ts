import { z } from "zod";

/**
 * Who may be activated on a channel: people whose `consent.<channel>` is
 * `"granted"`, and — unless `allowUnknown` is `false` — people whose consent is
 * `"unknown"`. An explicit `"denied"` always drops the person.
 */
export const ConsentRuleSchema = z.object({
  channel: z.string().min(1),
  /** Keep people whose consent on the channel is unknown (default `true`). */
  allowUnknown: z.boolean().optional(),
});
/** A consent rule for one channel (see {@link ConsentRuleSchema}). */
export type ConsentRule = z.infer<typeof ConsentRuleSchema>;
