import { dateToEpochMs } from "../values.js";

/** ISO-8601 date-time with seconds and `Z` or an offset: a strict subset of what the event schema accepts. */
const INSTANT = /^(\d{4}-\d{2}-\d{2})T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,9})?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

const isOwnerId = (v: unknown): boolean => typeof v === "string" && v.length > 0 && v.length <= 1024;

/** True only for a date-time `InstantSchema` certainly accepts (a strict subset of what it accepts). */
export function isCertainInstant(value: unknown): boolean {
  if (typeof value !== "string") return false;
  const match = INSTANT.exec(value);
  return match !== null && !Number.isNaN(dateToEpochMs(match[1]!));
}

const isText = (v: unknown): boolean => typeof v === "string" && v !== "";

/** True only for source keys `z.array(SourceKeySchema)` certainly accepts unchanged: plain objects of non-empty strings, no other keys. */
export function isCertainSourceKeys(keys: unknown): boolean {
  if (!Array.isArray(keys)) return false;
  for (const key of keys) {
    if (typeof key !== "object" || key === null || Array.isArray(key)) return false;
    const prototype = Object.getPrototypeOf(key);
    if (prototype !== Object.prototype && prototype !== null) return false;
    const k = key as Record<string, unknown>;
    if (!isText(k.system) || !isText(k.id)) return false;
    for (const name in k) {
      if (name !== "system" && name !== "instance" && name !== "object" && name !== "id") return false;
      if (!isText(k[name])) return false;
    }
  }
  return true;
}

/** True only for event properties the event schema certainly accepts unchanged: a plain object of scalars with non-empty names. */
export function isCertainProperties(properties: unknown): boolean {
  if (typeof properties !== "object" || properties === null || Array.isArray(properties)) return false;
  const prototype = Object.getPrototypeOf(properties);
  if (prototype !== Object.prototype && prototype !== null) return false;
  for (const key in properties) {
    if (key === "") return false;
    const value = (properties as Record<string, unknown>)[key];
    if (value === null || typeof value === "string" || typeof value === "boolean") continue;
    if (typeof value === "number" && Number.isFinite(value)) continue;
    return false;
  }
  return true;
}

/**
 * True only for an event record that `ActivityEventSchema` certainly accepts
 * unchanged (the common, plain shape: plain source keys, scalar properties). It
 * lets the builder skip the full schema check on the hot path; anything it is
 * not sure of returns false and goes through the schema, which gives the problems.
 */
export function isCertainlyValidEvent(input: object): boolean {
  const e = input as Record<string, unknown>;
  if (typeof e.id !== "string" || e.id === "" || typeof e.type !== "string" || e.type === "") return false;
  const hasPerson = e.personId !== undefined;
  const hasAccount = e.accountId !== undefined;
  if (hasPerson === hasAccount) return false;
  if (!isOwnerId(hasPerson ? e.personId : e.accountId)) return false;
  if (!isCertainInstant(e.occurredAt)) return false;
  if (e.sourceKeys !== undefined && !isCertainSourceKeys(e.sourceKeys)) return false;
  return e.properties === undefined || isCertainProperties(e.properties);
}
