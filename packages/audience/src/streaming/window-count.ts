import type { EventCondition } from "../definition/condition.js";
import { eventWindowAt } from "../evaluate/nodes/event-node.js";
import type { EventMatch } from "./event-match.js";
import { lowerBound, upperBound, type EventLog } from "./store/event-log.js";
import type { EventRange } from "./store/event-range.js";
import { eventWake, type windowEnds, type WakeSink } from "./time-reach.js";

export type WindowEnds = ReturnType<typeof windowEnds>;

/**
 * Counts an owner's matching events in `[from, to]` and records in `sink`
 * when the count may next change: the earliest matching event in the window
 * leaves it first, the earliest one after it enters first. The owner's
 * events are read in their two parts (each in time order, see
 * `EventLog.readBase`): the counts add up, and each part's earliest events
 * give a wake-up no earlier than the other's would, so the sink's minimum is
 * the one over all events.
 */
export function countOwner(
  now: number,
  sink: WakeSink,
  log: EventLog,
  owner: number,
  match: EventMatch,
  ends: WindowEnds,
  from: number,
  to: number,
  range: EventRange,
): number {
  const n = countPart(now, sink, log.readBase(owner, range), match, ends, from, to);
  return n + countPart(now, sink, log.readAdded(owner, range), match, ends, from, to);
}

/** {@link countOwner} over one part of an owner's events. */
function countPart(now: number, sink: WakeSink, r: EventRange, match: EventMatch, ends: WindowEnds, from: number, to: number): number {
  const { times, types } = r;
  const end = r.end;
  if (r.start === end) return 0;
  const lo = lowerBound(times, r.start, end, from);
  const hi = from <= to ? upperBound(times, lo, end, to) : lo;
  let n = 0;
  let firstIn = -1;
  for (let i = lo; i < hi; i++) {
    if (match(r.ref(i), types[i]!, now)) {
      n++;
      if (firstIn < 0) firstIn = i;
    }
  }
  if (firstIn >= 0) eventWake(ends, times[firstIn]!, from, to, now, sink);
  for (let i = Math.max(lo, hi); i < end; i++) {
    if (match(r.ref(i), types[i]!, now)) {
      eventWake(ends, times[i]!, from, to, now, sink);
      break;
    }
  }
  return n;
}

/**
 * What one more matching event at `time` adds to a {@link countOwner} count
 * at `now`: 1 when it lies in `[from, to]`, else 0. It records in `sink` when
 * it enters or leaves the window, exactly as a recount would.
 */
export function countOneMore(now: number, sink: WakeSink, time: number, ends: WindowEnds, from: number, to: number): number {
  eventWake(ends, time, from, to, now, sink);
  return from <= to && from <= time && time <= to ? 1 : 0;
}

/** The window of a condition at `now`, recomputed only when `now` moves. */
export function windowAt(condition: { window: EventCondition["window"] }): (now: number) => { from: number; to: number } {
  let at = Number.NaN;
  let window = { from: 0, to: 0 };
  return (now) => {
    if (now !== at) {
      window = eventWindowAt(condition, now);
      at = now;
    }
    return window;
  };
}
