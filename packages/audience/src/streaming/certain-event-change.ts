import { calendarInstantToEpochMs, type ActivityEvent } from "@abm-kit/core";

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const prototype = Object.getPrototypeOf(v) as unknown;
  return prototype === Object.prototype;
};

const isOwnerId = (v: unknown): boolean => typeof v === "string" && v.length > 0 && v.length <= 1024;

/**
 * The event record of a change `{ kind: "event", record }` when the change
 * schema and the event schema certainly accept it as it is (the plain shape:
 * known keys, an instant with seconds and a zone, scalar properties, no source
 * keys); otherwise undefined, and the change goes through the schemas, which
 * name every problem by its path. It spares the full schema check on the hot
 * path without ever accepting what the schemas reject. When `time` is given,
 * its `ms` is set to the event's moment (epoch ms) as the record is checked.
 */
export function certainEventRecord(change: unknown, time?: { ms: number }): ActivityEvent | undefined {
  if (!isPlainObject(change) || change.kind !== "event") return undefined;
  for (const key in change) if (key !== "kind" && key !== "record") return undefined;
  const e = change.record;
  if (!isPlainObject(e)) return undefined;
  if (typeof e.id !== "string" || e.id === "" || typeof e.type !== "string" || e.type === "") return undefined;
  const hasPerson = e.personId !== undefined;
  if (hasPerson === (e.accountId !== undefined)) return undefined;
  if (!isOwnerId(hasPerson ? e.personId : e.accountId)) return undefined;
  if (typeof e.occurredAt !== "string") return undefined;
  // the plain shape on a day of the calendar: what the schema certainly accepts
  const ms = calendarInstantToEpochMs(e.occurredAt);
  if (ms !== ms) return undefined;
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
  if (time !== undefined) time.ms = ms;
  return e as unknown as ActivityEvent;
}
