import type { Condition } from "../definition/condition.js";
import type { EventLog } from "./store/event-log.js";
import { compileValueTest } from "./value-test.js";

/** Whether an event counts, by its reference, its type code and `now`: its type is listed and it passes `where`. */
export type EventMatch = (ref: number, code: number, now: number) => boolean;

/** A matcher of events of one log for the listed types and `where` (type answers cached per type code). */
export function eventMatch(types: readonly string[], where: Condition | undefined, log: EventLog): EventMatch {
  const wanted = new Set(types);
  const accepted: number[] = [];
  const test = where ? compileEventWhere(where, log) : undefined;
  return (ref, code, now) => {
    if (code < 0) return false;
    let ok = accepted[code];
    if (ok === undefined) {
      ok = wanted.has(log.typeName(code)) ? 1 : 0;
      accepted[code] = ok;
    }
    return ok === 1 && (test === undefined || test(ref, now));
  };
}

/** A condition on an event's fields (attribute, and, or, not) as a test of an event reference. */
function compileEventWhere(condition: Condition, log: EventLog): (ref: number, now: number) => boolean {
  switch (condition.kind) {
    case "attribute": {
      const testsFor = compileValueTest(condition);
      return (ref, now) => testsFor(log.fieldType(condition.field)).test(log.value(ref, condition.field), now);
    }
    case "and":
    case "or": {
      const parts = condition.conditions.map((c) => compileEventWhere(c, log));
      const isAnd = condition.kind === "and";
      return (ref, now) => {
        for (const part of parts) if (part(ref, now) !== isAnd) return !isAnd;
        return isAnd;
      };
    }
    case "not": {
      const inner = compileEventWhere(condition.condition, log);
      return (ref, now) => !inner(ref, now);
    }
    default:
      return () => false;
  }
}
