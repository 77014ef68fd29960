import { dateToEpochMs, type AttributeValue } from "@abm-kit/core";
import { pathBeyondDepth, tooDeepMessage } from "../read/json-depth.js";
import { salesforceIdSuffixMismatch, toSalesforceId18 } from "../salesforce/salesforce-id.js";

/** The value types a column can be read as. `salesforceId` canonicalizes to the 18-character form; an `id` has at most 512 characters. */
export type ValueType = "string" | "id" | "salesforceId" | "number" | "integer" | "boolean" | "date" | "instant" | "multi";

/** A parsed cell: a value (`undefined` when blank), or why it could not be read. */
export type ParsedValue = { readonly ok: true; readonly value: AttributeValue | undefined } | { readonly ok: false; readonly message: string };

/** The longest id read (`id` columns): ids become entity ids with a prefix, and the identity graph holds ids of up to 1024 characters. */
export const MAX_ID_LENGTH = 512;

const ok = (value: AttributeValue | undefined): ParsedValue => ({ ok: true, value });
/** A blank cell (the most common result, shared). */
const MISSING: ParsedValue = Object.freeze({ ok: true, value: undefined });
const bad = (message: string): ParsedValue => ({ ok: false, message });

const INSTANT = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * An export's date-time as an ISO instant in UTC (`….000Z`): accepts
 * `2026-03-01T09:30:00.000Z`, Salesforce's `2026-03-01T09:30:00.000+0000`,
 * `+01:00` offsets and a space instead of `T`. A time without a zone is refused.
 */
export function parseInstant(text: string): string | undefined {
  const m = INSTANT.exec(text.trim());
  if (!m || Number.isNaN(dateToEpochMs(m[1]!))) return undefined;
  let zone = m[3]!.toUpperCase();
  if (zone !== "Z" && !zone.includes(":")) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const time = m[2]!.length === 5 ? `${m[2]}:00` : m[2]!;
  const ms = Date.parse(`${m[1]}T${time}${zone}`);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

/**
 * Reads one cell (CSV text, or a JSON value) as a type. Blank text and `null`
 * are missing. Never throws.
 */
export function parseValue(raw: unknown, type: ValueType): ParsedValue {
  if (raw === undefined || raw === null) return MISSING;
  if (typeof raw === "string" && (raw === "" || raw.trim() === "")) return MISSING;
  switch (type) {
    case "string": {
      if (typeof raw !== "object") return ok(String(raw));
      const deep = pathBeyondDepth(raw);
      return deep === undefined ? ok(JSON.stringify(raw)) : bad(tooDeepMessage("the value", deep));
    }
    case "id": {
      if (typeof raw !== "string" && typeof raw !== "number") return bad("not an id");
      const id = String(raw).trim();
      return id.length <= MAX_ID_LENGTH ? ok(id) : bad(`an id of ${id.length} characters is longer than ${MAX_ID_LENGTH}`);
    }
    case "salesforceId": {
      const id = typeof raw === "string" ? toSalesforceId18(raw) : undefined;
      if (id) return ok(id);
      const mismatch = typeof raw === "string" ? salesforceIdSuffixMismatch(raw) : undefined;
      return bad(mismatch ?? `${JSON.stringify(raw)} is not a 15- or 18-character Salesforce id`);
    }
    case "number":
    case "integer": {
      const n = typeof raw === "number" ? raw : typeof raw === "string" && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(raw) ? Number(raw) : Number.NaN;
      if (!Number.isFinite(n)) return bad(`${JSON.stringify(raw)} is not a number`);
      if (type === "integer" && !Number.isInteger(n)) return bad(`${JSON.stringify(raw)} is not a whole number`);
      return ok(n);
    }
    case "boolean": {
      if (typeof raw === "boolean") return ok(raw);
      const t = String(raw).trim().toLowerCase();
      if (t === "true" || t === "1") return ok(true);
      if (t === "false" || t === "0") return ok(false);
      return bad(`${JSON.stringify(raw)} is not true or false`);
    }
    case "date": {
      const t = String(raw).trim();
      return typeof raw === "string" && !Number.isNaN(dateToEpochMs(t)) ? ok(t) : bad(`${JSON.stringify(raw)} is not a date (YYYY-MM-DD)`);
    }
    case "instant": {
      const t = typeof raw === "string" ? parseInstant(raw) : undefined;
      return t ? ok(t) : bad(`${JSON.stringify(raw)} is not a date-time with a time zone`);
    }
    case "multi": {
      if (Array.isArray(raw)) return ok(raw.map(String));
      const parts = String(raw).split(";").map((s) => s.trim()).filter((s) => s !== "");
      return ok(parts);
    }
    default:
      return bad(`${JSON.stringify(String(type))} is not a value type`);
  }
}
