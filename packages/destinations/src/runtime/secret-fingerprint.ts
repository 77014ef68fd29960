import { createHash } from "node:crypto";
import { z } from "zod";

/**
 * What a run remembers of a credential it was issued, so a later run can still
 * redact it: its length, a 32-bit rolling hash and a SHA-256 prefix. Never the
 * value. Only credentials of {@link FINGERPRINT_MIN_LENGTH}+ characters are
 * fingerprinted (a hash of a short value could be reversed by trying them all).
 */
export const SecretFingerprintSchema = z.object({ n: z.number().int().positive(), r: z.number().int().nonnegative(), h: z.string().regex(/^[0-9a-f]{32}$/) });
/** A credential's fingerprint. */
export type SecretFingerprint = z.infer<typeof SecretFingerprintSchema>;

/** Credentials shorter than this are not fingerprinted. */
export const FINGERPRINT_MIN_LENGTH = 16;

const BASE = 0x01000193;

function digest(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex").slice(0, 32);
}

function rollingHash(text: string, from: number, length: number): number {
  let h = 0;
  for (let i = from; i < from + length; i++) h = (Math.imul(h, BASE) + text.charCodeAt(i)) >>> 0;
  return h;
}

function power(length: number): number {
  let p = 1;
  for (let i = 1; i < length; i++) p = Math.imul(p, BASE) >>> 0;
  return p;
}

/** The fingerprint of `value` (callers check {@link FINGERPRINT_MIN_LENGTH}). */
export function fingerprintSecret(value: string): SecretFingerprint {
  return { n: value.length, r: rollingHash(value, 0, value.length), h: digest(value) };
}

/**
 * The [start, end) ranges of `text` whose content has one of `fingerprints`
 * (Rabin–Karp: one pass per distinct length, SHA-256 only on rolling-hash hits).
 */
export function fingerprintedRanges(text: string, fingerprints: readonly SecretFingerprint[]): [number, number][] {
  const ranges: [number, number][] = [];
  const byLength = new Map<number, SecretFingerprint[]>();
  for (const f of fingerprints) if (f.n <= text.length) byLength.set(f.n, [...(byLength.get(f.n) ?? []), f]);
  for (const [n, group] of byLength) {
    const hashes = new Set(group.map((f) => f.r));
    const top = power(n);
    let h = rollingHash(text, 0, n);
    for (let start = 0; ; start++) {
      if (hashes.has(h)) {
        const candidate = text.slice(start, start + n);
        const d = digest(candidate);
        if (group.some((f) => f.r === h && f.h === d)) ranges.push([start, start + n]);
      }
      if (start + n >= text.length) break;
      h = (Math.imul((h - Math.imul(text.charCodeAt(start), top)) >>> 0, BASE) + text.charCodeAt(start + n)) >>> 0;
    }
  }
  return ranges;
}
