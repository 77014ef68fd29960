import type { Condition } from "../definition/condition.js";

/** Every condition holds. */
export const and = (...conditions: Condition[]): Condition => ({ kind: "and", conditions });
/** At least one condition holds. */
export const or = (...conditions: Condition[]): Condition => ({ kind: "or", conditions });
/** The condition does not hold (missing values included). */
export const not = (condition: Condition): Condition => ({ kind: "not", condition });
/** Member of the audience with this id (of the context's entity type). */
export const inAudience = (audienceId: string): Condition => ({ kind: "inAudience", audienceId });
