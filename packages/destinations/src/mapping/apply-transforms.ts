import { registrableDomain } from "@abm-kit/core";
import type { CellValue } from "../definition/member.js";
import { hashEmail, sha256Hex } from "./hash.js";
import type { Transform } from "./field-mapping.js";

/** Applies transforms in order; a transform that cannot apply (an invalid email to hash) yields `null`. */
export function applyTransforms(value: CellValue, transforms: readonly Transform[]): CellValue {
  let current: CellValue = value;
  for (const transform of transforms) {
    if (current === null) return null;
    current = applyOne(current, transform);
  }
  return current;
}

function applyOne(value: Exclude<CellValue, null>, transform: Transform): CellValue {
  if (transform === "join") return Array.isArray(value) ? value.join(";") : value;
  if (Array.isArray(value)) return value.map((v) => applyOne(v, transform)).filter((v): v is string => typeof v === "string");
  const text = String(value);
  switch (transform) {
    case "trim":
      return text.trim();
    case "lowercase":
      return text.toLowerCase();
    case "uppercase":
      return text.toUpperCase();
    case "sha256Email":
      return hashEmail(text, "sha256") ?? null;
    case "sha512Email":
      return hashEmail(text, "sha512") ?? null;
    case "sha256":
      return sha256Hex(text);
    case "domain":
      return registrableDomain(text) ?? null;
    case "linkedinOrganizationUrn": {
      const id = text.trim().replace(/^urn:li:organization:/, "");
      return /^\d+$/.test(id) ? `urn:li:organization:${id}` : null;
    }
  }
}
