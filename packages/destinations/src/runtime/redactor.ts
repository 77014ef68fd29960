import { REDACTED } from "../definition/secret.js";

/**
 * Replaces known secret values in strings and in any JSON-like value. Secrets
 * are added as they become known (settings at start, tokens as they are issued).
 */
export class Redactor {
  private readonly secrets = new Set<string>();

  constructor(initial: Iterable<string> = []) {
    for (const s of initial) this.add(s);
  }

  /** Registers a value to hide; values shorter than 4 characters are ignored (they would mangle ordinary text). */
  add(value: string | undefined): void {
    if (value !== undefined && value.length >= 4) this.secrets.add(value);
  }

  /** `text` with every known secret replaced by `[redacted]`. */
  text(text: string): string {
    let out = text;
    for (const s of this.secrets) if (out.includes(s)) out = out.split(s).join(REDACTED);
    return out;
  }

  /** A deep copy of a JSON-like value with every string redacted. Errors become `{ name, code, message }`. */
  value<T>(value: T): T {
    return this.walk(value, 0) as T;
  }

  private walk(value: unknown, depth: number): unknown {
    if (typeof value === "string") return this.text(value);
    if (value === null || typeof value !== "object" || depth > 20) return value;
    if (value instanceof Error) {
      const code = (value as { code?: unknown }).code;
      return { name: value.name, ...(typeof code === "string" ? { code } : {}), message: this.text(value.message) };
    }
    if (Array.isArray(value)) return value.map((v) => this.walk(v, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = this.walk(v, depth + 1);
    return out;
  }
}
