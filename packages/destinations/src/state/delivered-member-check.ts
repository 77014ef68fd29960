const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

/** A cell as `DeliveredMemberSchema` takes it: text, a finite number, a boolean, null, or a list of text without holes. */
function isCell(value: unknown): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== "string") return false;
  return true;
}

function isKeptFields(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  for (const key of Object.keys(value)) if (!isCell(value[key])) return false;
  return true;
}

/**
 * Whether a loaded member record is already exactly what `DeliveredMemberSchema`
 * would return for it (`h`, optional `k` and `r`, no other key, plain objects):
 * such a record is kept as loaded instead of being copied, so loading the
 * state of a million members does not build every record twice. Anything else
 * is left to the schema (which copies it, or names its problems).
 */
export function isDeliveredMember(value: unknown): boolean {
  if (!isPlainObject(value) || typeof value.h !== "string") return false;
  let keys = 1;
  if (Object.hasOwn(value, "k")) {
    if (!isKeptFields(value.k)) return false;
    keys++;
  }
  if (Object.hasOwn(value, "r")) {
    const r = value.r;
    if (!(Number.isSafeInteger(r) && (r as number) >= 0)) return false;
    keys++;
  }
  return Object.keys(value).length === keys;
}
