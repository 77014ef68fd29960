import { calendarInstantToEpochMs, dateToEpochMs, type AttributeValue } from "@abm-kit/core";
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
  const canonical = canonicalInstantMs(text);
  // a new string, not `text`: a slice of a CSV chunk would keep the whole chunk alive
  if (canonical === canonical) return new Date(canonical).toISOString();
  const m = INSTANT.exec(text.trim());
  if (!m || Number.isNaN(dateToEpochMs(m[1]!))) return undefined;
  let zone = m[3]!.toUpperCase();
  if (zone !== "Z" && !zone.includes(":")) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const time = m[2]!.length === 5 ? `${m[2]}:00` : m[2]!;
  const ms = Date.parse(`${m[1]}T${time}${zone}`);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

/** Epoch ms of `YYYY-MM-DDTHH:MM:SS.sssZ` on a day of the calendar, years 1000-9999 (already the form `parseInstant` gives), else NaN. */
function canonicalInstantMs(text: string): number {
  return text.length === 24 && text.charCodeAt(19) === 46 && text.charCodeAt(23) === 90 && text.charCodeAt(0) !== 48
    ? calendarInstantToEpochMs(text)
    : Number.NaN;
}

/** Why a cell could not be read (see {@link parseCell}). */
export class InvalidCell {
  constructor(readonly message: string) {}
}

/**
 * Reads one cell (CSV text, or a JSON value) as a type. Blank text and `null`
 * are missing. Never throws.
 */
export function parseValue(raw: unknown, type: ValueType): ParsedValue {
  const value = parseCell(raw, type);
  if (value instanceof InvalidCell) return bad(value.message);
  return value === undefined ? MISSING : ok(value);
}

/**
 * Reads one cell (CSV text, or a JSON value) as a type: the value, `undefined`
 * when blank, or an {@link InvalidCell}. {@link parseValue} without a result
 * object per cell. Never throws.
 */
export function parseCell(raw: unknown, type: ValueType): AttributeValue | undefined | InvalidCell {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === "string" && (raw === "" || raw.trim() === "")) return undefined;
  switch (type) {
    case "string": {
      if (typeof raw !== "object") return String(raw);
      const deep = pathBeyondDepth(raw);
      return deep === undefined ? JSON.stringify(raw) : new InvalidCell(tooDeepMessage("the value", deep));
    }
    case "id": {
      if (typeof raw !== "string" && typeof raw !== "number") return new InvalidCell("not an id");
      const id = String(raw).trim();
      return id.length <= MAX_ID_LENGTH ? id : new InvalidCell(`an id of ${id.length} characters is longer than ${MAX_ID_LENGTH}`);
    }
    case "salesforceId": {
      const id = typeof raw === "string" ? toSalesforceId18(raw) : undefined;
      if (id) return id;
      const mismatch = typeof raw === "string" ? salesforceIdSuffixMismatch(raw) : undefined;
      return new InvalidCell(mismatch ?? `${JSON.stringify(raw)} is not a 15- or 18-character Salesforce id`);
    }
    case "number":
    case "integer": {
      const n = typeof raw === "number" ? raw : typeof raw === "string" && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(raw) ? Number(raw) : Number.NaN;
      if (!Number.isFinite(n)) return new InvalidCell(`${JSON.stringify(raw)} is not a number`);
      if (type === "integer" && !Number.isInteger(n)) return new InvalidCell(`${JSON.stringify(raw)} is not a whole number`);
      return n;
    }
    case "boolean": {
      if (typeof raw === "boolean") return raw;
      const t = String(raw).trim().toLowerCase();
      if (t === "true" || t === "1") return true;
      if (t === "false" || t === "0") return false;
      return new InvalidCell(`${JSON.stringify(raw)} is not true or false`);
    }
    case "date": {
      const t = String(raw).trim();
      return typeof raw === "string" && !Number.isNaN(dateToEpochMs(t)) ? t : new InvalidCell(`${JSON.stringify(raw)} is not a date (YYYY-MM-DD)`);
    }
    case "instant": {
      const t = typeof raw === "string" ? parseInstant(raw) : undefined;
      return t ? t : new InvalidCell(`${JSON.stringify(raw)} is not a date-time with a time zone`);
    }
    case "multi": {
      if (Array.isArray(raw)) return raw.map(String);
      const parts = String(raw)
        .split(";")
        .map((s) => s.trim())
        .filter((s) => s !== "");
      return parts;
    }
    default:
      return new InvalidCell(`${JSON.stringify(String(type))} is not a value type`);
  }
}
