import { z } from "zod";
import { DestinationLimitsSchema } from "../limits/destination-limits.js";

const count = () => z.number().int().nonnegative();

/**
 * Plain facts about an activation plan, enough to check it against limits
 * without importing destinations: the destination and its declared limits,
 * the audience types it takes, the audiences sent (with their type, whether
 * an account audience goes as its people, and evaluated sizes when known), how many attributes
 * the mapping sends, how many dataflows already feed the destination, and the
 * row limit per exported file.
 */
export const ActivationPlanFactsSchema = z.object({
  destinationId: z.string().min(1),
  limits: DestinationLimitsSchema,
  audiences: z.array(
    z.object({
      audienceId: z.string().min(1),
      /** The audience's entity type; leave it out when not known (no rule needs it). */
      type: z.enum(["account", "person"]).optional(),
      /**
       * True when an account audience is sent as its accounts' people (the
       * plan option `people`): the destination receives persons, so it must
       * take person audiences. `size` is then the number of those people.
       */
      sentAsPeople: z.boolean().optional(),
      /** The evaluated size; leave it out when not known (size rules then report `"unknown"`). */
      size: count().optional(),
    }),
  ),
  /** The audience types the destination takes; when given, each audience's member type is checked against it (rule `destination.audienceType`). */
  destinationAudienceTypes: z.array(z.enum(["account", "person"])).optional(),
  mappedAttributeCount: count(),
  /** Dataflows feeding this destination, this plan included; leave it out when not known (the dataflow rule then reports `"unknown"`). */
  dataflowsForDestination: count().optional(),
  /** The most rows per exported file this plan is set to write (file destinations). */
  exportFileRowLimit: z.number().int().positive().optional(),
});
/** Facts about an activation plan (see {@link ActivationPlanFactsSchema}). */
export type ActivationPlanFacts = z.infer<typeof ActivationPlanFactsSchema>;
