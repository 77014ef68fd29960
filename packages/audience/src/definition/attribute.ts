import { z } from "zod";
import { TimePointSchema, WindowSchema } from "./time.js";

/**
 * Attribute operators. `eq`…`between` compare; `exists` / `missing` test
 * presence; `contains`, `startsWith`, `endsWith`, `matches` (a regular
 * expression) test strings; `containsAny` / `containsAll` test multi-value
 * fields; `within` tests an instant or date against a window.
 */
export const AttributeOpSchema = z.enum([
  "eq",
  "neq",
  "in",
  "notIn",
  "gt",
  "gte",
  "lt",
  "lte",
  "between",
  "exists",
  "missing",
  "contains",
  "startsWith",
  "endsWith",
  "matches",
  "containsAny",
  "containsAll",
  "within",
]);
/** An attribute operator. */
export type AttributeOp = z.infer<typeof AttributeOpSchema>;

/** A literal in an attribute condition: a string, number, boolean, or (for instants and dates) a time point. */
export const LiteralSchema = z.union([z.string(), z.number(), z.boolean(), TimePointSchema]);
/** A literal in an attribute condition. */
export type Literal = z.infer<typeof LiteralSchema>;

/**
 * A condition on one field of the rows in context (accounts, persons, an
 * account's opportunities, event properties, …). A missing value makes every
 * comparison false; only `exists` / `missing` test presence.
 */
export const AttributeConditionSchema = z.strictObject({
  kind: z.literal("attribute"),
  /** The field (column) name: a standard field, a custom attribute, `id`, `consent.<channel>`, an event property. */
  field: z.string().min(1),
  op: AttributeOpSchema,
  /** The operand of eq, neq, gt, gte, lt, lte, contains, startsWith, endsWith, matches. */
  value: LiteralSchema.optional(),
  /** The operands of in, notIn, containsAny, containsAll (non-empty), and between (`[min, max]`, inclusive). */
  values: z.array(LiteralSchema).optional(),
  /** The window of `within`. */
  window: WindowSchema.optional(),
  /** Compare strings ignoring case (string and multi-value operators only). */
  caseInsensitive: z.boolean().optional(),
  /**
   * Ignore spaces, tabs, line feeds and carriage returns at both ends of the
   * value and of the operands (not of a `matches` pattern) before comparing
   * (text operators on a single text value: eq, neq, in, notIn, contains,
   * startsWith, endsWith, matches).
   */
  trim: z.boolean().optional(),
});
/** A condition on one field. */
export type AttributeCondition = z.infer<typeof AttributeConditionSchema>;

/** Operators that take `value`. */
export const SINGLE_VALUE_OPS: ReadonlySet<AttributeOp> = new Set(["eq", "neq", "gt", "gte", "lt", "lte", "contains", "startsWith", "endsWith", "matches"]);
/** Operators that take `values`. */
export const MULTI_VALUE_OPS: ReadonlySet<AttributeOp> = new Set(["in", "notIn", "containsAny", "containsAll", "between"]);
/** Operators on one text value, where `trim` applies. */
export const TRIM_OPS: ReadonlySet<AttributeOp> = new Set(["eq", "neq", "in", "notIn", "contains", "startsWith", "endsWith", "matches"]);
/** The characters `trim` removes at both ends of a text: space, tab, line feed, carriage return. */
export const TRIMMED_CHARACTERS = " \t\n\r";
/** A text without the {@link TRIMMED_CHARACTERS} at its ends. */
export function trimText(text: string): string {
  return text.replace(/^[ \t\n\r]+|[ \t\n\r]+$/g, "");
}
/** Operators on text, where `caseInsensitive` applies. */
export const TEXT_OPS: ReadonlySet<AttributeOp> = new Set([
  "eq",
  "neq",
  "in",
  "notIn",
  "contains",
  "startsWith",
  "endsWith",
  "matches",
  "containsAny",
  "containsAll",
]);
