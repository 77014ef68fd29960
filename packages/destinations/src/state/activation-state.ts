import { z } from "zod";

const CellSchema = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]);

/** What the destination holds for one member: a fingerprint of what was sent, and the identity fields needed to remove it later. */
export const DeliveredMemberSchema = z.object({
  /** Fingerprint of every mapped field as last sent (a changed member is sent again). */
  h: z.string(),
  /** Identity and required fields as sent (a remove needs them after the member left the Snapshot). */
  k: z.record(z.string(), CellSchema).optional(),
});
/** One delivered member. */
export type DeliveredMember = z.infer<typeof DeliveredMemberSchema>;

/** What the destination holds for one audience. */
export const AudienceStateSchema = z.object({
  /** The destination's id of the audience (segment id, list id), once created. */
  externalId: z.string().optional(),
  /** Members the destination holds, by member id. */
  members: z.record(z.string(), DeliveredMemberSchema),
  /** The last run that finished for this audience (ISO). */
  lastRunAt: z.string().optional(),
});
/** The state of one audience at one destination. */
export type AudienceState = z.infer<typeof AudienceStateSchema>;

/** Everything a plan's runs remember at one destination. */
export const ActivationStateSchema = z.object({
  version: z.literal(1),
  audiences: z.record(z.string(), AudienceStateSchema),
  /** The last run that finished (ISO). */
  lastRunAt: z.string().optional(),
});
/** The persisted state of a plan at a destination. */
export type ActivationState = z.infer<typeof ActivationStateSchema>;

/** A fresh, empty state. */
export function emptyActivationState(): ActivationState {
  return { version: 1, audiences: {} };
}
