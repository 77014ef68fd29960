import type { CellValue } from "@abm-kit/destinations";

/** A non-empty trimmed string of a mapped value, or `undefined`. */
export function textOf(value: CellValue | undefined): string | undefined {
  if (value === null || value === undefined || Array.isArray(value)) return undefined;
  const text = String(value).trim();
  return text === "" ? undefined : text;
}

/** The first `max` characters (code points) of a string. */
export function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max).join("");
}

/** An ISO 3166-1 alpha-2 code, upper-cased, or `undefined` (a value like `United States` is dropped, not guessed). */
export function countryOf(value: CellValue | undefined): string | undefined {
  const text = textOf(value);
  return text !== undefined && /^[A-Za-z]{2}$/.test(text) ? text.toUpperCase() : undefined;
}

/** The non-empty strings of a multi-valued (or single) mapped value. */
export function textsOf(value: CellValue | undefined): string[] {
  const items = Array.isArray(value) ? value : value === null || value === undefined ? [] : [String(value)];
  return items.map((v) => v.trim()).filter((v) => v !== "");
}
