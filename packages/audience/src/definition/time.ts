import { z } from "zod";
import { DateSchema, InstantSchema } from "@abm-kit/core";

/** Units of a duration. Minutes to weeks are fixed lengths; months and years are calendar units (UTC). */
export const TimeUnitSchema = z.enum(["minutes", "hours", "days", "weeks", "months", "years"]);
/** A unit of a {@link Duration}. */
export type TimeUnit = z.infer<typeof TimeUnitSchema>;

/**
 * The longest duration in each unit: 1,000 years (of 365.2425 days), so every
 * window and time point stays inside the range every engine can represent.
 */
export const MAX_DURATION_AMOUNT: Readonly<Record<TimeUnit, number>> = {
  minutes: 525_949_200,
  hours: 8_765_820,
  days: 365_242,
  weeks: 52_177,
  months: 12_000,
  years: 1_000,
};

/** A length of time, e.g. `{ amount: 30, unit: "days" }`, at most 1,000 years ({@link MAX_DURATION_AMOUNT}). */
export const DurationSchema = z
  .strictObject({
    amount: z.number().int().nonnegative(),
    unit: TimeUnitSchema,
  })
  .superRefine((duration, ctx) => {
    const maximum = MAX_DURATION_AMOUNT[duration.unit];
    if (duration.amount > maximum) {
      ctx.addIssue({
        code: "too_big",
        origin: "number",
        maximum,
        inclusive: true,
        input: duration.amount,
        path: ["amount"],
        message: `a duration is at most 1,000 years (${maximum.toLocaleString("en-US")} ${duration.unit})`,
      });
    }
  });
/** A length of time. */
export type Duration = z.infer<typeof DurationSchema>;

/**
 * A point in time: `"now"` (the evaluation's `now`), a duration before or after
 * it (`{ ago }`, `{ ahead }`), or an absolute instant or date (`{ at }`).
 */
export const TimePointSchema = z.union([
  z.literal("now"),
  z.strictObject({ ago: DurationSchema }),
  z.strictObject({ ahead: DurationSchema }),
  z.strictObject({ at: z.union([InstantSchema, DateSchema]) }),
]);
/** A point in time, relative to `now` or absolute. */
export type TimePoint = z.infer<typeof TimePointSchema>;

/**
 * A time window, both ends inclusive: `{ last: duration }` is `[now − duration, now]`;
 * `{ between: [a, b] }` is `[a, b]`; `{ from?, to? }` is `[from, to]` where an
 * omitted end is unbounded (at least one end is required).
 */
export const WindowSchema = z.union([
  z.strictObject({ last: DurationSchema }),
  z.strictObject({ between: z.tuple([TimePointSchema, TimePointSchema]) }),
  z
    .strictObject({ from: TimePointSchema.optional(), to: TimePointSchema.optional() })
    .refine((w) => w.from !== undefined || w.to !== undefined, { message: "a window needs at least one of from and to" }),
]);
/** A time window, both ends inclusive. */
export type Window = z.infer<typeof WindowSchema>;
