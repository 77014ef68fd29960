import { z } from "zod";

/** Comparison operators of a {@link Comparator} other than `between`. */
export const ComparatorOpSchema = z.enum(["eq", "neq", "gt", "gte", "lt", "lte"]);

/**
 * A numeric comparison of a count or an aggregate: `{ op: "gte", value: 3 }`, or
 * `{ op: "between", min, max }` (inclusive).
 */
export const ComparatorSchema = z.discriminatedUnion("op", [
  z.strictObject({ op: ComparatorOpSchema, value: z.number() }),
  z.strictObject({ op: z.literal("between"), min: z.number(), max: z.number() }),
]);
/** A numeric comparison of a count or an aggregate. */
export type Comparator = z.infer<typeof ComparatorSchema>;
