/**
 * The wall clock, read only where a service checks real time: the `iat` of
 * a service account's JWT (the token endpoint refuses one from another hour).
 * The run's `now` can be a fixed moment (a replay, a test), so it cannot serve.
 */
export function wallClockMs(): number {
  return Date.now();
}
