import { formatPath } from "@abm-kit/core";

/**
 * How deep a JSON record may nest objects and arrays, the record itself being
 * the first level. Salesforce relationship fields nest five levels at most and
 * Marketo records are flat: a record nested deeper is rejected (`too_deep`).
 */
export const MAX_JSON_DEPTH = 32;

/**
 * The path to the first object or array nested deeper than `maxDepth` levels
 * in `value` (the value itself is level 1), or `undefined` when there is none.
 * Walks without recursion, so any depth is safe.
 */
export function pathBeyondDepth(value: unknown, maxDepth = MAX_JSON_DEPTH): (string | number)[] | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const stack: { value: object; depth: number; path: (string | number)[] }[] = [{ value, depth: 1, path: [] }];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (next.depth > maxDepth) return next.path;
    const isArray = Array.isArray(next.value);
    for (const [key, child] of Object.entries(next.value)) {
      if (typeof child === "object" && child !== null) stack.push({ value: child, depth: next.depth + 1, path: [...next.path, isArray ? Number(key) : key] });
    }
  }
  return undefined;
}

/** Why a value nested too deep is not read, naming where (`extra[0][0]…`). */
export function tooDeepMessage(what: string, path: readonly (string | number)[]): string {
  return `${what} nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep (at ${formatPath(path)})`;
}
