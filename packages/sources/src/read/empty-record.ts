/**
 * An empty object without a prototype: keys read from files (`constructor`,
 * `toString`, `__proto__`) are plain keys in it, never inherited members.
 */
export function emptyRecord<V>(): Record<string, V> {
  return Object.create(null) as Record<string, V>;
}
