import type { AggregateFunction, Condition, RelatedCondition } from "../definition/condition.js";
import type { FieldName } from "./attribute.js";
import { ComparatorBuilder } from "./comparator.js";

/** Builds conditions on the rows of one relation. */
export class RelationBuilder {
  constructor(readonly relation: string) {}
  private base(where: Condition | undefined): RelatedCondition {
    return { kind: "related", relation: this.relation, ...(where ? { where } : {}) };
  }
  /** At least one related row (matching `where`). */
  some(where?: Condition): RelatedCondition {
    return { ...this.base(where), quantifier: "some" };
  }
  /** No related row matches (true when there are none). */
  none(where?: Condition): RelatedCondition {
    return { ...this.base(where), quantifier: "none" };
  }
  /** Every related row matches — true when there are none; see {@link allAndAtLeastOne}. */
  all(where: Condition): RelatedCondition {
    return { ...this.base(where), quantifier: "all" };
  }
  /** Every related row matches, and there is at least one. */
  allAndAtLeastOne(where: Condition): RelatedCondition {
    return { ...this.base(where), quantifier: "allAndAtLeastOne" };
  }
  /** The number of matching rows, compared: `.count(where).atLeast(2)`. */
  count(where?: Condition): ComparatorBuilder<RelatedCondition> {
    return new ComparatorBuilder((comparator) => ({ ...this.base(where), quantifier: "count", comparator }));
  }
  private aggregate(fn: AggregateFunction, field: FieldName, where?: Condition): ComparatorBuilder<RelatedCondition> {
    return new ComparatorBuilder((comparator) => ({ ...this.base(where), aggregate: { fn, field, comparator } }));
  }
  /** The sum of `field` over matching rows (0 over none). */
  sum(field: FieldName, where?: Condition) {
    return this.aggregate("sum", field, where);
  }
  /** The average of `field` over matching rows (missing over none: every comparison false). */
  avg(field: FieldName, where?: Condition) {
    return this.aggregate("avg", field, where);
  }
  /** The minimum of `field` over matching rows. */
  min(field: FieldName, where?: Condition) {
    return this.aggregate("min", field, where);
  }
  /** The maximum of `field` over matching rows. */
  max(field: FieldName, where?: Condition) {
    return this.aggregate("max", field, where);
  }
  /** The number of distinct values of `field` over matching rows. */
  countDistinct(field: FieldName, where?: Condition) {
    return this.aggregate("countDistinct", field, where);
  }
}

/** An account's people (active links, each person once). */
export const people = () => new RelationBuilder("people");
/** A person's accounts (active links). */
export const accounts = () => new RelationBuilder("accounts");
/** Account–person links (active or not), with their fields (roles, isPrimary, …). */
export const links = () => new RelationBuilder("links");
/** An account's opportunities. */
export const opportunities = () => new RelationBuilder("opportunities");
/** A person's (or an opportunity's) opportunity roles. */
export const opportunityRoles = () => new RelationBuilder("opportunityRoles");
/** A person's (or a campaign's) campaign memberships. */
export const campaignMembers = () => new RelationBuilder("campaignMembers");
/** The rows of a declared related table owned by the account or person. */
export const related = (table: string) => new RelationBuilder(`related:${table}`);
/** Any relation by name (`account`, `person`, `opportunity`, `campaign`, …). */
export const relation = (name: string) => new RelationBuilder(name);
