import type { ActivityEvent } from "@abm-kit/core";

/** `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`: a strict subset of the instants the event schema accepts. */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,9})?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const prototype = Object.getPrototypeOf(v) as unknown;
  return prototype === Object.prototype;
};

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether year-month-day is a day of the proleptic Gregorian calendar (months 1–12). */
function isCalendarDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
}

const isOwnerId = (v: unknown): boolean => typeof v === "string" && v.length > 0 && v.length <= 1024;

/**
 * The event record of a change `{ kind: "event", record }` when the change
 * schema and the event schema certainly accept it as it is (the plain shape:
 * known keys, an instant with seconds and a zone, scalar properties, no source
 * keys); otherwise undefined, and the change goes through the schemas, which
 * name every problem by its path. It spares the full schema check on the hot
 * path without ever accepting what the schemas reject.
 */
export function certainEventRecord(change: unknown): ActivityEvent | undefined {
  if (!isPlainObject(change) || change.kind !== "event") return undefined;
  for (const key in change) if (key !== "kind" && key !== "record") return undefined;
  const e = change.record;
  if (!isPlainObject(e)) return undefined;
  if (typeof e.id !== "string" || e.id === "" || typeof e.type !== "string" || e.type === "") return undefined;
  const hasPerson = e.personId !== undefined;
  if (hasPerson === (e.accountId !== undefined)) return undefined;
  if (!isOwnerId(hasPerson ? e.personId : e.accountId)) return undefined;
  if (typeof e.occurredAt !== "string") return undefined;
  const match = INSTANT.exec(e.occurredAt);
  if (match === null || !isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3]))) return undefined;
  if (e.sourceKeys !== undefined) return undefined;
  const properties = e.properties;
  if (properties !== undefined) {
    if (!isPlainObject(properties)) return undefined;
    for (const key in properties) {
      if (key === "") return undefined;
      const value = properties[key];
      if (value === null || typeof value === "string" || typeof value === "boolean") continue;
      if (typeof value === "number" && Number.isFinite(value)) continue;
      return undefined;
    }
  }
  return e as unknown as ActivityEvent;
}
