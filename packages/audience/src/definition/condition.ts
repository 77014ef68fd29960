import { z } from "zod";
import { AttributeConditionSchema } from "./attribute.js";
import { ComparatorSchema } from "./comparator.js";
import { DurationSchema, WindowSchema } from "./time.js";

/** How related rows must match: `some` (≥ 1), `none` (0), `all` (every row; true over zero rows), `allAndAtLeastOne`, `count` (with a comparator). */
export const QuantifierSchema = z.enum(["some", "none", "all", "allAndAtLeastOne", "count"]);
/** A quantifier of a related condition. */
export type Quantifier = z.infer<typeof QuantifierSchema>;

/** Aggregate functions over the matching related rows. Over zero rows `sum` is 0 and `avg`/`min`/`max` are missing (every comparison false). */
export const AggregateFunctionSchema = z.enum(["sum", "avg", "min", "max", "countDistinct"]);
/** An aggregate function. */
export type AggregateFunction = z.infer<typeof AggregateFunctionSchema>;

/** An aggregate of a field over the matching related rows, compared to a number (instants and dates compare as epoch ms). */
export const AggregateSchema = z.strictObject({
  fn: AggregateFunctionSchema,
  field: z.string().min(1),
  comparator: ComparatorSchema,
});
/** An aggregate of a related field, compared to a number. */
export type Aggregate = z.infer<typeof AggregateSchema>;

/**
 * A relation name: `people`, `accounts`, `links`, `opportunities`,
 * `opportunityRoles`, `campaignMembers`, the to-one `account`, `person`,
 * `opportunity`, `campaign`, or `related:<table>` for a declared related table.
 */
export const RelationNameSchema = z
  .string()
  .regex(
    /^(people|accounts|links|opportunities|opportunityRoles|campaignMembers|account|person|opportunity|campaign|related:[A-Za-z][A-Za-z0-9_]{0,63})$/,
    "unknown relation name",
  );

/** Who owns the counted events: the person, the account itself, or either (at account level: its people's events plus its own). */
export const EventOwnerSchema = z.enum(["person", "account", "any"]);
/** Who owns counted events. */
export type EventOwner = z.infer<typeof EventOwnerSchema>;

/** Both ends of every step of a sequence: event types and an optional condition on the event's fields. */
export const SequenceStepSchema = z.strictObject({
  types: z.array(z.string().min(1)).min(1),
  get where() {
    return ConditionSchema.optional();
  },
});

/** `and`: every condition holds (an empty list holds). */
export const AndConditionSchema = z.strictObject({
  kind: z.literal("and"),
  get conditions() {
    return z.array(ConditionSchema);
  },
});

/** `or`: at least one condition holds (an empty list does not). */
export const OrConditionSchema = z.strictObject({
  kind: z.literal("or"),
  get conditions() {
    return z.array(ConditionSchema);
  },
});

/** `not`: the whole condition does not hold. */
export const NotConditionSchema = z.strictObject({
  kind: z.literal("not"),
  get condition() {
    return ConditionSchema;
  },
});

/**
 * A condition on related rows (an account's people, links, opportunities or
 * related-table rows; a person's accounts, links, opportunity roles, campaign
 * memberships; …). Exactly one of `quantifier` and `aggregate`. `where`
 * filters the related rows (it is evaluated in their context).
 */
export const RelatedConditionSchema = z.strictObject({
  kind: z.literal("related"),
  relation: RelationNameSchema,
  quantifier: QuantifierSchema.optional(),
  /** The comparator of `count`. */
  comparator: ComparatorSchema.optional(),
  get where() {
    return ConditionSchema.optional();
  },
  aggregate: AggregateSchema.optional(),
});

/**
 * A condition on events of given types in a window, counted against a
 * comparator (default: at least 1). At account level, the account's people's
 * events and its own events count (narrow with `owner`); `countDistinct:
 * "people"` counts the distinct people with a matching event instead. Events
 * after `now` never count.
 */
export const EventConditionSchema = z.strictObject({
  kind: z.literal("event"),
  types: z.array(z.string().min(1)).min(1),
  /** A condition on the event's fields: `type`, `occurredAt`, its properties. */
  get where() {
    return ConditionSchema.optional();
  },
  window: WindowSchema,
  count: ComparatorSchema.optional(),
  countDistinct: z.literal("people").optional(),
  owner: EventOwnerSchema.optional(),
});

/**
 * Ordered events: step 1, then step 2, …, each at or after the previous one,
 * the last within `within` of the first, all inside `window`. At account level
 * the steps are by one person (`samePerson`, default true) or by any of the
 * account's people (and the account itself).
 */
export const SequenceConditionSchema = z.strictObject({
  kind: z.literal("sequence"),
  get steps() {
    return z.array(SequenceStepSchema).min(2).max(31);
  },
  within: DurationSchema,
  window: WindowSchema,
  samePerson: z.boolean().optional(),
});

/** Membership of another audience (of the same entity type as the context). */
export const InAudienceConditionSchema = z.strictObject({
  kind: z.literal("inAudience"),
  audienceId: z.string().min(1),
});

/** A condition node of an audience definition, discriminated on `kind`. */
export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.discriminatedUnion("kind", [
    AttributeConditionSchema,
    AndConditionSchema,
    OrConditionSchema,
    NotConditionSchema,
    RelatedConditionSchema,
    EventConditionSchema,
    SequenceConditionSchema,
    InAudienceConditionSchema,
  ]),
);

/** A condition node of an audience definition. */
export type Condition =
  | z.infer<typeof AttributeConditionSchema>
  | AndCondition
  | OrCondition
  | NotCondition
  | RelatedCondition
  | EventCondition
  | SequenceCondition
  | InAudienceCondition;

/** `and` of conditions. */
export interface AndCondition {
  kind: "and";
  conditions: Condition[];
}
/** `or` of conditions. */
export interface OrCondition {
  kind: "or";
  conditions: Condition[];
}
/** Negation of a condition. */
export interface NotCondition {
  kind: "not";
  condition: Condition;
}
/** A condition on related rows. */
export interface RelatedCondition {
  kind: "related";
  relation: string;
  quantifier?: Quantifier | undefined;
  comparator?: z.infer<typeof ComparatorSchema> | undefined;
  where?: Condition | undefined;
  aggregate?: Aggregate | undefined;
}
/** A step of a sequence. */
export interface SequenceStep {
  types: string[];
  where?: Condition | undefined;
}
/** A condition on events. */
export interface EventCondition {
  kind: "event";
  types: string[];
  where?: Condition | undefined;
  window: z.infer<typeof WindowSchema>;
  count?: z.infer<typeof ComparatorSchema> | undefined;
  countDistinct?: "people" | undefined;
  owner?: EventOwner | undefined;
}
/** A condition on ordered events. */
export interface SequenceCondition {
  kind: "sequence";
  steps: SequenceStep[];
  within: z.infer<typeof DurationSchema>;
  window: z.infer<typeof WindowSchema>;
  samePerson?: boolean | undefined;
}
/** Membership of another audience. */
export interface InAudienceCondition {
  kind: "inAudience";
  audienceId: string;
}
