/** One error of a Marketo response: a quoted code (`"606"`) and its message. */
export interface MarketoError {
  readonly code: string;
  readonly message: string;
}

/** A Marketo REST answer: `{ requestId, success, result?, errors?, warnings?, nextPageToken? }` (error-codes.md). */
export interface MarketoEnvelope {
  readonly success: boolean | undefined;
  readonly result: readonly unknown[] | undefined;
  readonly errors: readonly MarketoError[];
  readonly warnings: readonly string[];
  readonly nextPageToken: string | undefined;
}

const MAX_MESSAGE = 300;

/** Reads a Marketo envelope from a parsed body (anything else reads as an envelope without success). */
export function envelopeOf(body: unknown): MarketoEnvelope {
  const b = (body !== null && typeof body === "object" && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  const errors = Array.isArray(b.errors)
    ? b.errors.map((e) => {
        const r = (e ?? {}) as Record<string, unknown>;
        return { code: String(r.code ?? ""), message: typeof r.message === "string" ? r.message.slice(0, MAX_MESSAGE) : "" };
      })
    : [];
  return {
    success: typeof b.success === "boolean" ? b.success : undefined,
    result: Array.isArray(b.result) ? b.result : undefined,
    errors,
    warnings: Array.isArray(b.warnings) ? b.warnings.filter((w): w is string => typeof w === "string") : [],
    nextPageToken: typeof b.nextPageToken === "string" && b.nextPageToken !== "" ? b.nextPageToken : undefined,
  };
}

/** `606: Max rate limit '100' exceeded with in '20' secs` */
export function describeErrors(errors: readonly MarketoError[]): string {
  return errors.length === 0 ? "no details" : errors.map((e) => `${e.code}: ${e.message}`).join("; ");
}
