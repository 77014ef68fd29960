import { fingerprintedRanges, type SecretFingerprint } from "./secret-fingerprint.js";

/** What a redacted secret reads as. */
export const REDACTED = "[redacted]";

/** Secrets this long or longer are replaced wherever they occur, even inside other text. */
export const SUBSTRING_MIN_LENGTH = 8;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const byLengthDesc = (a: string, b: string) => b.length - a.length;

/**
 * The rule for `secret` in `text`: a secret of {@link SUBSTRING_MIN_LENGTH}+
 * characters matches anywhere; a shorter one only where it stands alone — not
 * directly preceded or followed by a letter, digit or underscore — so `k9` is
 * found in `key k9 rejected`, `"k9"` and `?key=k9&`, but not in `k99` or `ak9`.
 */
export function secretPattern(secrets: Iterable<string>): RegExp | undefined {
  const long: string[] = [];
  const short: string[] = [];
  for (const s of secrets) if (s.length > 0) (s.length >= SUBSTRING_MIN_LENGTH ? long : short).push(s);
  const parts: string[] = [];
  if (long.length > 0) parts.push(long.sort(byLengthDesc).map(escape).join("|"));
  if (short.length > 0) parts.push(`(?<![\\p{L}\\p{N}_])(?:${short.sort(byLengthDesc).map(escape).join("|")})(?![\\p{L}\\p{N}_])`);
  return parts.length === 0 ? undefined : new RegExp(parts.join("|"), "gu");
}

/** True when `secret` appears in `text` by the redaction rule (see `secretPattern`). */
export function secretAppearsIn(text: string, secret: string): boolean {
  const pattern = secretPattern([secret]);
  return pattern !== undefined && new RegExp(pattern.source, "u").test(text);
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/**
 * Replaces known secrets in strings and in any JSON-like value, by the rule of
 * `secretPattern` (every length: long secrets anywhere, short ones where
 * they stand alone). Secrets are added as they become known (settings at start,
 * credentials as they are issued); fingerprints of credentials issued in earlier
 * runs (kept in the state) redact those too.
 */
export class Redactor {
  private readonly secrets = new Set<string>();
  private readonly fingerprints: SecretFingerprint[] = [];
  private pattern: RegExp | undefined;

  constructor(initial: Iterable<string> = []) {
    for (const s of initial) this.add(s);
  }

  /** Registers a value to hide (any non-empty string). */
  add(value: string | undefined): void {
    if (value === undefined || value.length === 0 || this.secrets.has(value)) return;
    this.secrets.add(value);
    this.pattern = secretPattern(this.secrets);
  }

  /** Registers the fingerprint of a credential whose value is no longer known (issued in an earlier run). */
  remember(fingerprint: SecretFingerprint): void {
    if (!this.fingerprints.some((f) => f.h === fingerprint.h)) this.fingerprints.push(fingerprint);
  }

  /** `text` with every known secret replaced by `[redacted]`. */
  text(text: string): string {
    let out = this.pattern === undefined ? text : text.replace(this.pattern, REDACTED);
    if (this.fingerprints.length > 0) {
      const ranges = fingerprintedRanges(out, this.fingerprints).sort((a, b) => a[0] - b[0]);
      let result = "";
      let at = 0;
      for (const [start, end] of ranges) {
        if (start < at) continue;
        result += out.slice(at, start) + REDACTED;
        at = end;
      }
      if (ranges.length > 0) out = result + out.slice(at);
    }
    return out;
  }

  /** A deep copy of a JSON-like value with every string redacted. Errors become `{ name, code, message, problems }`. */
  value<T>(value: T): T {
    return this.walk(value, 0) as T;
  }

  /**
   * Redacts an error in place — message, stack, `problems` and the `cause`
   * chain — so it can be re-thrown with its type.
   */
  error<E extends Error>(error: E, seen: Set<Error> = new Set()): E {
    if (seen.has(error)) return error;
    seen.add(error);
    const mutable = error as unknown as Record<string, unknown>;
    error.message = this.text(error.message);
    if (typeof error.stack === "string") error.stack = this.text(error.stack);
    if (Array.isArray(mutable.problems))
      Object.defineProperty(error, "problems", { value: this.value(mutable.problems), enumerable: true, configurable: true, writable: true });
    if (error.cause !== undefined) {
      Object.defineProperty(error, "cause", {
        value: error.cause instanceof Error ? this.error(error.cause, seen) : this.value(error.cause),
        enumerable: false,
        configurable: true,
        writable: true,
      });
    }
    return error;
  }

  private walk(value: unknown, depth: number): unknown {
    if (typeof value === "string") return this.text(value);
    if (value === null || typeof value !== "object" || depth > 20) return value;
    if (value instanceof Error) {
      const { code, problems } = value as { code?: unknown; problems?: unknown };
      return {
        name: value.name,
        ...(typeof code === "string" ? { code: this.text(code) } : {}),
        message: this.text(value.message),
        ...(Array.isArray(problems) ? { problems: this.walk(problems, depth + 1) } : {}),
      };
    }
    if (Array.isArray(value)) return value.map((v) => this.walk(v, depth + 1));
    const out: Record<string, unknown> = Object.getPrototypeOf(value) === null ? Object.create(null) : {};
    for (const [k, v] of Object.entries(value)) setOwn(out, k, this.walk(v, depth + 1));
    return out;
  }
}
