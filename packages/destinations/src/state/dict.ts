import { z } from "zod";

/** A dictionary without prototype: every string is an ordinary key (`__proto__`, `constructor` included). */
export function emptyDict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** Sets `key` as an own property, whatever it spells. */
export function setEntry<T>(dict: Record<string, T>, key: string, value: T): void {
  if (Object.getPrototypeOf(dict) === null) dict[key] = value;
  else Object.defineProperty(dict, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * A string-keyed record whose output is a dictionary without prototype.
 * (`z.record` assigns keys to a plain object, where `__proto__` changes the
 * prototype instead of adding an entry.) Problems carry the key in their path.
 */
export function dictSchema<T extends z.ZodType>(value: T) {
  return z.unknown().transform((input, ctx): Record<string, z.output<T>> => {
    const out = emptyDict<z.output<T>>();
    if (typeof input !== "object" || input === null || Array.isArray(input)) {
      ctx.addIssue({ code: "custom", message: "expected an object (a map from id to value)" });
      return out;
    }
    for (const key of Object.keys(input)) {
      const result = value.safeParse((input as Record<string, unknown>)[key]);
      if (result.success) out[key] = result.data;
      else for (const issue of result.error.issues) ctx.addIssue({ code: "custom", path: [key, ...issue.path], message: issue.message });
    }
    return out;
  });
}
