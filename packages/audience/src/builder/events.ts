import type { Comparator } from "../definition/comparator.js";
import type { Condition, EventCondition, EventOwner, SequenceCondition } from "../definition/condition.js";
import type { TimePoint, TimeUnit, Window } from "../definition/time.js";
import { ComparatorBuilder } from "./comparator.js";
import { duration, last, span } from "./time.js";

/** Options of {@link events}. */
export interface EventOptions {
  /** A condition on the event's fields (`type`, `occurredAt`, properties). */
  readonly where?: Condition;
  /** Whose events count at account level: `any` (default), `person`, `account`. */
  readonly owner?: EventOwner;
}

/** An event condition with its window: finish with a count (`.atLeast(3)`) or `.distinctPeople()`. */
export class WindowedEvents extends ComparatorBuilder<EventCondition> {
  constructor(private readonly partial: Omit<EventCondition, "count">) {
    super((count: Comparator) => ({ ...partial, count }));
  }
  /** At least one event. */
  exists(): EventCondition {
    return { ...this.partial, count: { op: "gte", value: 1 } };
  }
  /** No event. */
  none(): EventCondition {
    return { ...this.partial, count: { op: "eq", value: 0 } };
  }
  /** Count distinct people with a matching event (account level). */
  distinctPeople(): ComparatorBuilder<EventCondition> {
    return new ComparatorBuilder((count) => ({ ...this.partial, countDistinct: "people", count }));
  }
}

/** Events of some types: `events(["Visit Webpage"]).inLast(30, "days").atLeast(3)`. */
export class EventsBuilder {
  constructor(
    private readonly types: string[],
    private readonly options: EventOptions = {},
  ) {}
  /** Adds a condition on the event's fields. */
  where(condition: Condition): EventsBuilder {
    return new EventsBuilder(this.types, { ...this.options, where: condition });
  }
  /** Narrows whose events count. */
  owner(owner: EventOwner): EventsBuilder {
    return new EventsBuilder(this.types, { ...this.options, owner });
  }
  /** In `[now − amount unit, now]`. */
  inLast(amount: number, unit: TimeUnit): WindowedEvents {
    return this.window(last(amount, unit));
  }
  /** In `[from, to]`. */
  between(from: TimePoint, to: TimePoint): WindowedEvents {
    return this.window(span(from, to));
  }
  /** In any window. */
  window(window: Window): WindowedEvents {
    return new WindowedEvents({
      kind: "event",
      types: [...this.types],
      ...(this.options.where ? { where: this.options.where } : {}),
      window,
      ...(this.options.owner ? { owner: this.options.owner } : {}),
    });
  }
}

/** Starts an event condition. */
export const events = (types: string | string[], options?: EventOptions) => new EventsBuilder(Array.isArray(types) ? types : [types], options ?? {});

/** A step of a sequence: event types and an optional condition on the event's fields. */
export type StepInput = string | string[] | { types: string[]; where?: Condition };

/** A sequence waiting for its `within` and window. */
export class SequenceBuilder {
  constructor(
    private readonly steps: StepInput[],
    private readonly samePerson?: boolean,
  ) {}
  /** The last step within `amount unit` of the first. */
  within(amount: number, unit: TimeUnit) {
    // anything else than a string, a list or an object is kept as it is, for validation to name
    const steps = this.steps.map((s) =>
      typeof s === "string" ? { types: [s] } : Array.isArray(s) ? { types: [...s] } : typeof s === "object" && s !== null ? { ...s } : s,
    );
    const base = {
      kind: "sequence" as const,
      steps,
      within: duration(amount, unit),
      ...(this.samePerson === undefined ? {} : { samePerson: this.samePerson }),
    };
    return {
      /** Every step in `[now − amount unit, now]`. */
      inLast: (n: number, u: TimeUnit): SequenceCondition => ({ ...base, window: last(n, u) }),
      /** Every step in `window`. */
      window: (window: Window): SequenceCondition => ({ ...base, window }),
    };
  }
}

/**
 * Ordered events: `sequence(["Fill Out Form", "Visit Webpage"]).within(7, "days").inLast(90, "days")`.
 * At account level the steps are by the same person unless `samePerson: false`.
 */
export const sequence = (steps: StepInput[], options: { samePerson?: boolean } = {}) =>
  new SequenceBuilder(Array.isArray(steps) ? steps : [steps], options?.samePerson);
