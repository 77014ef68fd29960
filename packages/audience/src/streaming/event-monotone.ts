import type { Comparator } from "../definition/comparator.js";
import type { Condition } from "../definition/condition.js";

/** Whether a count passing `comparator` still passes when the count grows (`gte`, `gt`; absent means at least one). */
function growingPasses(comparator: Comparator | undefined): boolean {
  return comparator === undefined || comparator.op === "gte" || comparator.op === "gt";
}

/**
 * Whether a condition can only go from false to true when an event is added,
 * at any moment: events are only ever counted towards "at least", and nothing
 * negates or bounds a count from above. A member of an audience whose
 * condition is event-monotone stays a member when one of its events arrives,
 * so the streaming evaluator does not re-evaluate it then (its scheduled
 * wake-up stays, and re-evaluates it with the new event when it comes).
 */
export function isEventMonotone(condition: Condition): boolean {
  switch (condition.kind) {
    case "attribute":
      return true;
    case "and":
    case "or":
      return condition.conditions.every(isEventMonotone);
    case "event":
      return growingPasses(condition.count);
    case "sequence":
      return true;
    case "related":
      if (condition.aggregate !== undefined) return false;
      if (condition.where !== undefined && !isEventMonotone(condition.where)) return false;
      switch (condition.quantifier ?? "some") {
        case "some":
        case "all":
        case "allAndAtLeastOne":
          return true;
        case "count":
          return growingPasses(condition.comparator);
        default:
          return false;
      }
    default:
      return false;
  }
}
