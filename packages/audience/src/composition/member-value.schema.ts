import { z } from "zod";
import { ConditionSchema, EventOwnerSchema, RelationNameSchema } from "../definition/condition.js";
import { WindowSchema } from "../definition/time.js";

/** A field of the member itself; for persons, `via: "primaryAccount"` reads the field of the person's primary account. */
export const FieldValueSchema = z.strictObject({
  kind: z.literal("field"),
  field: z.string().min(1),
  via: z.literal("primaryAccount").optional(),
});

/** Aggregate functions a member value can take over related rows. Over zero rows `count`/`sum`/`countDistinct` are 0, `avg`/`min`/`max` missing. */
export const MemberAggregateFunctionSchema = z.enum(["count", "sum", "avg", "min", "max", "countDistinct"]);
/** An aggregate function of a member value. */
export type MemberAggregateFunction = z.infer<typeof MemberAggregateFunctionSchema>;

/**
 * An aggregate over the member's related rows (`people`, `opportunities`,
 * `related:<table>`, …), optionally only those matching `where` (attribute,
 * and, or, not on the related rows' fields). `field` is required except for `count`.
 */
export const AggregateValueSchema = z
  .strictObject({
    kind: z.literal("aggregate"),
    relation: RelationNameSchema,
    fn: MemberAggregateFunctionSchema,
    field: z.string().min(1).optional(),
    where: ConditionSchema.optional(),
  })
  .refine((v) => v.fn === "count" || v.field !== undefined, { message: "this aggregate needs a field", path: ["field"] });

/**
 * How many events of the given types the member has in a window (events after
 * `now` never count). For accounts, `owner` picks the account's own events,
 * its people's, or both (default); `countDistinct: "people"` counts people with
 * a matching event instead of events. `where` (attribute, and, or, not) tests
 * the event's fields and properties.
 */
export const EventCountValueSchema = z.strictObject({
  kind: z.literal("events"),
  types: z.array(z.string().min(1)).min(1),
  where: ConditionSchema.optional(),
  window: WindowSchema,
  owner: EventOwnerSchema.optional(),
  countDistinct: z.literal("people").optional(),
});

/** A value read or computed for each member: what rank orders by and what enrich attaches. */
export const MemberValueSchema = z.discriminatedUnion("kind", [FieldValueSchema, AggregateValueSchema, EventCountValueSchema]);
/** A value read or computed for each member. */
export type MemberValue = z.infer<typeof MemberValueSchema>;
