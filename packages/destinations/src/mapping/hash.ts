import { createHash } from "node:crypto";

/** Lower-case hex SHA-256 of a UTF-8 string. */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** Lower-case hex SHA-512 of a UTF-8 string. */
export function sha512Hex(text: string): string {
  return createHash("sha512").update(text, "utf8").digest("hex");
}

/**
 * The hash input ad platforms expect for an email (Meta, Google Customer
 * Match, LinkedIn): trimmed and lower-cased, nothing else (no Gmail dot or
 * `+tag` removal). `undefined` when it is not an address.
 */
export function normalizeEmailForHash(email: string): string | undefined {
  const text = email.trim().toLowerCase();
  const at = text.indexOf("@");
  if (at <= 0 || at !== text.lastIndexOf("@") || at === text.length - 1 || /\s/.test(text)) return undefined;
  return text;
}

/**
 * The platform digest of an email: normalized then hashed, lower-case hex.
 * A value that already is a digest of that length passes through lower-cased.
 */
export function hashEmail(email: string, algorithm: "sha256" | "sha512" = "sha256"): string | undefined {
  const hexLength = algorithm === "sha256" ? 64 : 128;
  const trimmed = email.trim().toLowerCase();
  if (trimmed.length === hexLength && /^[0-9a-f]+$/.test(trimmed)) return trimmed;
  const normalized = normalizeEmailForHash(email);
  if (normalized === undefined) return undefined;
  return algorithm === "sha256" ? sha256Hex(normalized) : sha512Hex(normalized);
}
