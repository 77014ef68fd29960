import { z } from "zod";
import { REDACTED, Redactor } from "../runtime/redactor.js";

export { REDACTED };

/** The registry of settings schemas that hold secrets (API keys, client secrets, tokens). */
export const secretFields = z.registry<{ secret: true }>();

// Values seen by secret-marked schemas during a `secretValuesOf` parse. The slot
// lives on globalThis under a registered symbol, so schemas marked by another
// copy of this package (an adapter bundled as CJS, the runtime as ESM) report to
// the same collector.
const SLOT = Symbol.for("@abm-kit/destinations.secret-collector");
type Slot = { [SLOT]?: unknown[] };

function capture(value: unknown): true {
  (globalThis as Slot)[SLOT]?.push(value);
  return true;
}

/**
 * Marks a settings schema as secret: every value it is given (strings, numbers,
 * and every string inside an object or array) is redacted from every report,
 * event, error and checkpoint the runtime produces. Works at any depth and in
 * any shape — objects, arrays, tuples, records, unions, discriminated unions,
 * intersections, lazy schemas, pipes and transforms — because the values are
 * recorded while zod parses the settings (a refinement that always runs, even
 * when the value is invalid), not by reading zod's internals.
 *
 * Returns a copy of `schema` with that refinement, to use in place of it.
 *
 * @example
 * const Settings = z.object({
 *   url: z.url(),
 *   clientSecret: secret(z.string().min(1)),
 *   headers: z.record(z.string(), secret(z.string())).default({}),
 * });
 */
export function secret<S extends z.core.$ZodType>(schema: S): S {
  // `.check()` exists on classic and mini schemas alike; the check runs even when the value is invalid
  const marked = (schema as unknown as { check(...checks: unknown[]): S }).check(z.refine(capture, { when: () => true }));
  secretFields.add(marked, { secret: true });
  return marked;
}

/**
 * Parses `settings` with `schema` and returns the result together with every
 * value a {@link secret}-marked part of the schema was given, whether or not the
 * settings are valid.
 */
export function parseSettings<T>(schema: z.ZodType<T>, settings: unknown): { result: z.ZodSafeParseResult<T>; secrets: string[] } {
  const slot = globalThis as Slot;
  const outer = slot[SLOT];
  const seen: unknown[] = [];
  slot[SLOT] = seen;
  let result: z.ZodSafeParseResult<T>;
  try {
    result = schema.safeParse(settings);
  } finally {
    slot[SLOT] = outer;
  }
  outer?.push(...seen);
  const secrets = new Set<string>();
  for (const value of seen) collectStrings(value, secrets, 0);
  return { result, secrets: [...secrets].filter((s) => s.length > 0) };
}

/** Every secret value in `settings`: the values the {@link secret}-marked parts of `schema` were given. */
export function secretValuesOf(schema: z.ZodType, settings: unknown): string[] {
  return parseSettings(schema, settings).secrets;
}

function collectStrings(value: unknown, out: Set<string>, depth: number): void {
  if (typeof value === "string") out.add(value);
  else if (typeof value === "number" || typeof value === "bigint") out.add(String(value));
  else if (depth > 20 || value === null || typeof value !== "object") return;
  else if (value instanceof Map) for (const [k, v] of value) collectStrings(k, out, depth + 1), collectStrings(v, out, depth + 1);
  else if (Array.isArray(value) || value instanceof Set) for (const v of value) collectStrings(v, out, depth + 1);
  else for (const v of Object.values(value)) collectStrings(v, out, depth + 1);
}

/** A copy of `settings` with every secret value replaced by `"[redacted]"` (strings by the rule of {@link Redactor}; numbers given as secrets whole). */
export function redactSettings(schema: z.ZodType, settings: unknown): unknown {
  const secrets = secretValuesOf(schema, settings);
  return copyRedacted(settings, new Redactor(secrets), new Set(secrets), 0);
}

function copyRedacted(value: unknown, redactor: Redactor, secrets: ReadonlySet<string>, depth: number): unknown {
  if (typeof value === "string") return redactor.text(value);
  if (typeof value === "number" || typeof value === "bigint") return secrets.has(String(value)) ? REDACTED : value;
  if (value === null || typeof value !== "object" || depth > 20) return value;
  if (Array.isArray(value)) return value.map((v) => copyRedacted(v, redactor, secrets, depth + 1));
  const out: Record<string, unknown> = Object.create(Object.getPrototypeOf(value) === null ? null : Object.prototype);
  for (const [k, v] of Object.entries(value))
    Object.defineProperty(out, k, { value: copyRedacted(v, redactor, secrets, depth + 1), enumerable: true, writable: true, configurable: true });
  return out;
}
