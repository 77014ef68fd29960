import { z } from "zod";

/**
 * When a plan runs: once; daily at a UTC time (`HH:MM`); every N hours from
 * an anchor; or after each audience evaluation.
 */
export const ScheduleSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("once") }),
  z.object({ kind: z.literal("daily"), at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a UTC time HH:MM") }),
  z.object({
    kind: z.literal("everyHours"),
    hours: z
      .number()
      .int()
      .min(1)
      .max(24 * 7),
    /** The first slot (ISO); later slots are every `hours` after it. */
    startAt: z.iso.datetime({ offset: true }),
  }),
  z.object({ kind: z.literal("afterEvaluation") }),
]);
/** A plan's schedule. */
export type Schedule = z.infer<typeof ScheduleSchema>;
