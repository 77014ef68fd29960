import type { AttributeCondition, AttributeOp, Literal } from "../definition/attribute.js";
import type { TimePoint, TimeUnit, Window } from "../definition/time.js";
import { last } from "./time.js";

/** Options of text operators. */
export interface TextOptions {
  readonly caseInsensitive?: boolean;
  /** Ignore spaces, tabs and line breaks at both ends of the value and the operands (not of containsAny / containsAll). */
  readonly trim?: boolean;
}

const textOptions = (options?: TextOptions) => ({ ...(options?.caseInsensitive ? { caseInsensitive: true } : {}), ...(options?.trim ? { trim: true } : {}) });

/** Standard field names of accounts, persons, links, opportunities, … (any other name is allowed too). */
export type KnownField =
  | "id"
  | "name"
  | "domain"
  | "industry"
  | "employeeCount"
  | "annualRevenue"
  | "country"
  | "duns"
  | "type"
  | "ownerId"
  | "parentAccountId"
  | "createdAt"
  | "updatedAt"
  | "email"
  | "firstName"
  | "lastName"
  | "title"
  | "jobFunction"
  | "seniority"
  | "department"
  | "phone"
  | "city"
  | "consent.email"
  | "consent.advertising"
  | "roles"
  | "isDirect"
  | "isActive"
  | "isPrimary"
  | "startDate"
  | "endDate"
  | "reasons"
  | "stage"
  | "amount"
  | "currency"
  | "closeDate"
  | "isClosed"
  | "isWon"
  | "probability"
  | "role"
  | "status"
  | "hasResponded"
  | "firstRespondedAt"
  | "occurredAt";
/** A field name, with completion for the standard ones. */
export type FieldName = KnownField | (string & {});

/** A time operand: `"now"`, an ISO instant or date, or a time point. */
export type TimeValue = string | TimePoint;

/** Operators on text fields. */
export interface TextAttribute {
  eq(value: string, options?: TextOptions): AttributeCondition;
  neq(value: string, options?: TextOptions): AttributeCondition;
  in(values: string[], options?: TextOptions): AttributeCondition;
  notIn(values: string[], options?: TextOptions): AttributeCondition;
  contains(value: string, options?: TextOptions): AttributeCondition;
  startsWith(value: string, options?: TextOptions): AttributeCondition;
  endsWith(value: string, options?: TextOptions): AttributeCondition;
  /** A regular expression of the portable subset (see `regexPatternProblem`), matched anywhere in the text. */
  matches(pattern: string, options?: TextOptions): AttributeCondition;
  gt(value: string): AttributeCondition;
  gte(value: string): AttributeCondition;
  lt(value: string): AttributeCondition;
  lte(value: string): AttributeCondition;
  between(min: string, max: string): AttributeCondition;
  exists(): AttributeCondition;
  missing(): AttributeCondition;
}
/** Operators on number fields. */
export interface NumberAttribute {
  eq(value: number): AttributeCondition;
  neq(value: number): AttributeCondition;
  in(values: number[]): AttributeCondition;
  notIn(values: number[]): AttributeCondition;
  gt(value: number): AttributeCondition;
  gte(value: number): AttributeCondition;
  lt(value: number): AttributeCondition;
  lte(value: number): AttributeCondition;
  between(min: number, max: number): AttributeCondition;
  exists(): AttributeCondition;
  missing(): AttributeCondition;
}
/** Operators on instant and date fields. */
export interface TimeAttribute {
  eq(value: TimeValue): AttributeCondition;
  neq(value: TimeValue): AttributeCondition;
  gt(value: TimeValue): AttributeCondition;
  gte(value: TimeValue): AttributeCondition;
  lt(value: TimeValue): AttributeCondition;
  lte(value: TimeValue): AttributeCondition;
  between(from: TimeValue, to: TimeValue): AttributeCondition;
  /** In `[now − amount unit, now]`. */
  inLast(amount: number, unit: TimeUnit): AttributeCondition;
  within(window: Window): AttributeCondition;
  exists(): AttributeCondition;
  missing(): AttributeCondition;
}
/** Operators on boolean fields. */
export interface BooleanAttribute {
  eq(value: boolean): AttributeCondition;
  neq(value: boolean): AttributeCondition;
  isTrue(): AttributeCondition;
  isFalse(): AttributeCondition;
  exists(): AttributeCondition;
  missing(): AttributeCondition;
}
/** Operators on multi-value fields. */
export interface MultiAttribute {
  containsAny(values: string[], options?: TextOptions): AttributeCondition;
  containsAll(values: string[], options?: TextOptions): AttributeCondition;
  exists(): AttributeCondition;
  missing(): AttributeCondition;
}

/** Builds attribute conditions on one field; every method returns plain JSON. */
class AttributeBuilder {
  constructor(private readonly field: string) {}
  private one(op: AttributeOp, value: Literal, options?: TextOptions): AttributeCondition {
    return { kind: "attribute", field: this.field, op, value, ...textOptions(options) };
  }
  private many(op: AttributeOp, values: Literal[], options?: TextOptions): AttributeCondition {
    return { kind: "attribute", field: this.field, op, values: [...values], ...textOptions(options) };
  }
  eq(value: Literal, options?: TextOptions) {
    return this.one("eq", value, options);
  }
  neq(value: Literal, options?: TextOptions) {
    return this.one("neq", value, options);
  }
  in(values: Literal[], options?: TextOptions) {
    return this.many("in", values, options);
  }
  notIn(values: Literal[], options?: TextOptions) {
    return this.many("notIn", values, options);
  }
  gt(value: Literal) {
    return this.one("gt", value);
  }
  gte(value: Literal) {
    return this.one("gte", value);
  }
  lt(value: Literal) {
    return this.one("lt", value);
  }
  lte(value: Literal) {
    return this.one("lte", value);
  }
  between(min: Literal, max: Literal) {
    return this.many("between", [min, max]);
  }
  contains(value: string, options?: TextOptions) {
    return this.one("contains", value, options);
  }
  startsWith(value: string, options?: TextOptions) {
    return this.one("startsWith", value, options);
  }
  endsWith(value: string, options?: TextOptions) {
    return this.one("endsWith", value, options);
  }
  matches(pattern: string, options?: TextOptions) {
    return this.one("matches", pattern, options);
  }
  containsAny(values: string[], options?: TextOptions) {
    return this.many("containsAny", values, options);
  }
  containsAll(values: string[], options?: TextOptions) {
    return this.many("containsAll", values, options);
  }
  isTrue() {
    return this.one("eq", true);
  }
  isFalse() {
    return this.one("eq", false);
  }
  inLast(amount: number, unit: TimeUnit) {
    return this.within(last(amount, unit));
  }
  within(window: Window): AttributeCondition {
    return { kind: "attribute", field: this.field, op: "within", window };
  }
  exists(): AttributeCondition {
    return { kind: "attribute", field: this.field, op: "exists" };
  }
  missing(): AttributeCondition {
    return { kind: "attribute", field: this.field, op: "missing" };
  }
}

/** Any attribute operator on a field whose type is not stated. */
export type AnyAttribute = TextAttribute &
  Omit<NumberAttribute, keyof TextAttribute> &
  Omit<TimeAttribute, keyof TextAttribute> &
  Omit<BooleanAttribute, keyof TextAttribute> &
  MultiAttribute & {
    eq(value: Literal, options?: TextOptions): AttributeCondition;
    neq(value: Literal, options?: TextOptions): AttributeCondition;
    in(values: Literal[], options?: TextOptions): AttributeCondition;
    notIn(values: Literal[], options?: TextOptions): AttributeCondition;
    gt(value: Literal): AttributeCondition;
    gte(value: Literal): AttributeCondition;
    lt(value: Literal): AttributeCondition;
    lte(value: Literal): AttributeCondition;
    between(min: Literal, max: Literal): AttributeCondition;
  };

/**
 * Starts an attribute condition: `attr("industry").eq("Software")`. Typed
 * variants offer only the operators of a value type: `attr.text`,
 * `attr.number`, `attr.time`, `attr.boolean`, `attr.multi`.
 */
export const attr = Object.assign((field: FieldName): AnyAttribute => new AttributeBuilder(field) as unknown as AnyAttribute, {
  /** Text operators. */
  text: (field: FieldName): TextAttribute => new AttributeBuilder(field) as unknown as TextAttribute,
  /** Number operators. */
  number: (field: FieldName): NumberAttribute => new AttributeBuilder(field) as unknown as NumberAttribute,
  /** Instant and date operators (absolute values and relative windows). */
  time: (field: FieldName): TimeAttribute => new AttributeBuilder(field) as unknown as TimeAttribute,
  /** Boolean operators. */
  boolean: (field: FieldName): BooleanAttribute => new AttributeBuilder(field) as unknown as BooleanAttribute,
  /** Multi-value operators. */
  multi: (field: FieldName): MultiAttribute => new AttributeBuilder(field) as unknown as MultiAttribute,
});
