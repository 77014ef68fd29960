import { epochMsToInstant } from "@abm-kit/core";
import { type TimePoint, type Window } from "@abm-kit/audience";
import { resolveTimePoint } from "@abm-kit/audience/internal";
import type { SqlCompileContext } from "./context.js";

/** `YYYY-MM-DD HH:MM:SS.mmm` (UTC wall time) of epoch ms, the form timestamps are bound in. */
export function timestampText(ms: number): string {
  return epochMsToInstant(ms).replace("T", " ").replace("Z", "");
}

/** A time point as a timestamp expression: `now` and relative points are computed in SQL from the `now` parameter. */
export function timePointSql(point: TimePoint, context: SqlCompileContext): string {
  const { dialect, params } = context;
  if (point === "now") return params.now();
  if ("ago" in point) return dialect.shift(params.now(), point.ago.amount, point.ago.unit, -1);
  if ("ahead" in point) return dialect.shift(params.now(), point.ahead.amount, point.ahead.unit, 1);
  return params.add(timestampText(resolveTimePoint(point, 0)), "timestamp");
}

/** A window's bounds as timestamp expressions (undefined: unbounded), both inclusive. */
export function windowSql(window: Window, context: SqlCompileContext): { from?: string; to?: string } {
  if ("last" in window) return { from: context.dialect.shift(context.params.now(), window.last.amount, window.last.unit, -1), to: context.params.now() };
  if ("between" in window) return { from: timePointSql(window.between[0], context), to: timePointSql(window.between[1], context) };
  return {
    ...(window.from === undefined ? {} : { from: timePointSql(window.from, context) }),
    ...(window.to === undefined ? {} : { to: timePointSql(window.to, context) }),
  };
}
