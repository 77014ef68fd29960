import { isCertainInstant, isCertainProperties, isCertainSourceKeys } from "../snapshot/certain-event.js";

const isText = (v: unknown): boolean => typeof v === "string" && v !== "";
const isPlain = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const prototype = Object.getPrototypeOf(v);
  return prototype === Object.prototype || prototype === null;
};
const only = (o: Record<string, unknown>, names: readonly string[]) => {
  for (const name in o) if (!names.includes(name)) return false;
  return true;
};
const isRef = (v: unknown) => isPlain(v) && only(v, ["namespace", "value"]) && isText(v.namespace) && isText(v.value);

/**
 * True only for an event source record that `EventSourceRecordSchema` certainly
 * accepts unchanged: plain objects without unknown keys, an owner ref, a plain
 * instant, scalar properties, plain source keys, an origin of file and line. It
 * lets the identity graph skip the schema on the hot path; anything else goes
 * through the schema, which gives the problems.
 */
export function isCertainlyValidEventRecord(input: unknown): boolean {
  if (!isPlain(input) || !only(input, ["event", "person", "account", "origin"])) return false;
  const hasPerson = input.person !== undefined;
  if (hasPerson === (input.account !== undefined)) return false;
  if (!isRef(hasPerson ? input.person : input.account)) return false;
  const origin = input.origin;
  if (origin !== undefined) {
    if (!isPlain(origin) || !only(origin, ["file", "line"])) return false;
    if (origin.file !== undefined && typeof origin.file !== "string") return false;
    if (origin.line !== undefined && !Number.isSafeInteger(origin.line)) return false;
  }
  const e = input.event;
  if (!isPlain(e) || !only(e, ["id", "type", "occurredAt", "properties", "sourceKeys"])) return false;
  if (!isText(e.id) || !isText(e.type) || !isCertainInstant(e.occurredAt)) return false;
  if (e.sourceKeys !== undefined && !isCertainSourceKeys(e.sourceKeys)) return false;
  return e.properties === undefined || isCertainProperties(e.properties);
}
