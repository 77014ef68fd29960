import { dateToEpochMs, instantToEpochMs, type AttributeValue, type FieldType } from "@abm-kit/core";

/**
 * A field value as evaluators read it: text, a number (instants and dates as
 * UTC epoch ms), a boolean, a set of strings, or `undefined` when missing.
 */
export type TypedValue = string | number | boolean | readonly string[] | undefined;

/** The result of converting one value to its field's type: the value, or why it does not fit. */
export type TypedConversion = { readonly ok: true; readonly value: TypedValue } | { readonly ok: false; readonly message: string };

const describe = (value: unknown) => (Array.isArray(value) ? "a list" : typeof value);

/**
 * Converts a JSON attribute value to the typed form of a field, with the same
 * rules as a Snapshot column: a number in a text field is kept as its text,
 * numeric text fills a number field, instants and dates become epoch ms, a list
 * becomes a set of distinct strings; `null` is missing.
 */
export function toTypedValue(type: FieldType, value: AttributeValue | undefined): TypedConversion {
  if (value === null || value === undefined) return { ok: true, value: undefined };
  switch (type) {
    case "string":
      if (typeof value === "string") return { ok: true, value };
      if (typeof value === "number" || typeof value === "boolean") return { ok: true, value: String(value) };
      return { ok: false, message: `expected a string, got ${describe(value)}` };
    case "number": {
      if (typeof value === "number" && Number.isFinite(value)) return { ok: true, value };
      if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return { ok: true, value: Number(value) };
      return { ok: false, message: `expected a number, got ${typeof value === "string" ? JSON.stringify(value.slice(0, 40)) : describe(value)}` };
    }
    case "instant":
    case "date": {
      const ms = typeof value === "string" ? (type === "instant" ? instantToEpochMs(value) : dateToEpochMs(value)) : Number.NaN;
      if (Number.isNaN(ms)) {
        const expected = type === "instant" ? "an ISO-8601 instant" : "a YYYY-MM-DD date";
        return { ok: false, message: `expected ${expected}, got ${typeof value === "string" ? JSON.stringify(value.slice(0, 40)) : describe(value)}` };
      }
      return { ok: true, value: ms };
    }
    case "boolean":
      if (typeof value === "boolean") return { ok: true, value };
      return { ok: false, message: `expected a boolean, got ${describe(value)}` };
    case "multi": {
      if (!Array.isArray(value)) return { ok: false, message: `expected a list of strings, got ${describe(value)}` };
      const seen = new Set<string>();
      for (const item of value) if (typeof item === "string") seen.add(item);
      return { ok: true, value: [...seen] };
    }
  }
}

/** The type of an undeclared attribute, from its first present value (as a Snapshot infers it). */
export function inferTypeOf(value: AttributeValue): FieldType | undefined {
  if (value === null) return undefined;
  if (Array.isArray(value)) return "multi";
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "boolean";
  return "string";
}
