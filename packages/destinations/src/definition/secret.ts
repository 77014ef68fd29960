import { z } from "zod";

/** The registry of settings fields that hold secrets (API keys, client secrets, tokens). */
export const secretFields = z.registry<{ secret: true }>();

/**
 * Marks a settings field as secret: its value is redacted from every report,
 * event and error the runtime produces.
 *
 * @example
 * const Settings = z.object({ url: z.url(), clientSecret: secret(z.string().min(1)) });
 */
export function secret<S extends z.ZodType>(schema: S): S {
  secretFields.add(schema, { secret: true });
  return schema;
}

interface SchemaDef {
  type?: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
}

// Reads zod's definition structurally, so schemas from any copy of zod 4 work.
function defOf(schema: z.ZodType): SchemaDef {
  return (schema as unknown as { _zod?: { def?: SchemaDef } })._zod?.def ?? {};
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current: z.ZodType = schema;
  for (let i = 0; i < 10; i++) {
    if (secretFields.has(current)) return current;
    const inner = defOf(current).innerType;
    if (inner === undefined) return current;
    current = inner;
  }
  return current;
}

function shapeOf(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  const def = defOf(schema);
  return def.type === "object" ? def.shape : undefined;
}

function elementOf(schema: z.ZodType): z.ZodType | undefined {
  const def = defOf(schema);
  return def.type === "array" ? def.element : undefined;
}

function isSecret(schema: z.ZodType): boolean {
  return secretFields.has(schema) || secretFields.has(unwrap(schema));
}

/**
 * Every secret string in `settings`, found by walking `schema` (objects,
 * arrays, optional/nullable/default wrappers) for fields marked with {@link secret}.
 */
export function secretValuesOf(schema: z.ZodType, settings: unknown): string[] {
  const out: string[] = [];
  collect(schema, settings, out);
  return out.filter((s) => s.length > 0);
}

function collect(schema: z.ZodType, value: unknown, out: string[]): void {
  if (value === null || value === undefined) return;
  if (isSecret(schema)) {
    collectStrings(value, out);
    return;
  }
  const inner = unwrap(schema);
  const shape = shapeOf(inner);
  const element = elementOf(inner);
  if (shape !== undefined && typeof value === "object") {
    for (const [key, child] of Object.entries(shape)) collect(child, (value as Record<string, unknown>)[key], out);
  } else if (element !== undefined && Array.isArray(value)) {
    for (const item of value) collect(element, item, out);
  }
}

function collectStrings(value: unknown, out: string[]): void {
  if (typeof value === "string") out.push(value);
  else if (typeof value === "number") out.push(String(value));
  else if (Array.isArray(value)) for (const v of value) collectStrings(v, out);
  else if (value !== null && typeof value === "object") for (const v of Object.values(value)) collectStrings(v, out);
}

/** A copy of `settings` with every secret field replaced by `"[redacted]"`. */
export function redactSettings(schema: z.ZodType, settings: unknown): unknown {
  if (settings === null || settings === undefined) return settings;
  if (isSecret(schema)) return REDACTED;
  const inner = unwrap(schema);
  const shape = shapeOf(inner);
  const element = elementOf(inner);
  if (shape !== undefined && typeof settings === "object" && !Array.isArray(settings)) {
    const copy: Record<string, unknown> = { ...(settings as Record<string, unknown>) };
    for (const [key, child] of Object.entries(shape)) if (key in copy) copy[key] = redactSettings(child, copy[key]);
    return copy;
  }
  if (element !== undefined && Array.isArray(settings)) return settings.map((v) => redactSettings(element, v));
  return settings;
}

/** What a redacted secret reads as. */
export const REDACTED = "[redacted]";
