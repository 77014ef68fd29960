import { z } from "zod";

/** A dictionary without prototype: every string is an ordinary key (`__proto__`, `constructor` included). */
export function emptyDict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** Sets `key` as an own property, whatever it spells (on a plain object too: `__proto__` becomes an entry, not the prototype). */
export function setEntry<T>(dict: Record<string, T>, key: string, value: T): void {
  if (key === "__proto__") Object.defineProperty(dict, key, { value, enumerable: true, writable: true, configurable: true });
  else dict[key] = value;
}

/**
 * A string-keyed record whose every key is an entry. (`z.record` assigns keys
 * to a plain object, where `__proto__` changes the prototype instead of adding
 * an entry.) The output is a dictionary without prototype (`plain: false`, for
 * maps keyed by ids), or a plain object with `__proto__` defined as an own
 * entry (`plain: true`, for small records such as a member's fields, which
 * serialize faster). Problems carry the key in their path. `accept` names
 * entries that are already what `value` would return for them: those are kept
 * as given, not parsed and copied.
 */
export function dictSchema<T extends z.ZodType>(value: T, options: { plain?: boolean; accept?: (entry: unknown) => boolean } = {}) {
  return z.unknown().transform((input, ctx): Record<string, z.output<T>> => {
    const out: Record<string, z.output<T>> = options.plain ? {} : emptyDict<z.output<T>>();
    if (typeof input !== "object" || input === null || Array.isArray(input)) {
      ctx.addIssue({ code: "custom", message: "expected an object (a map from id to value)" });
      return out;
    }
    for (const key of Object.keys(input)) {
      const entry = (input as Record<string, unknown>)[key];
      if (options.accept?.(entry)) {
        setEntry(out, key, entry as z.output<T>);
        continue;
      }
      const result = value.safeParse(entry);
      if (result.success) setEntry(out, key, result.data);
      else for (const issue of result.error.issues) ctx.addIssue({ code: "custom", path: [key, ...issue.path], message: issue.message });
    }
    return out;
  });
}
