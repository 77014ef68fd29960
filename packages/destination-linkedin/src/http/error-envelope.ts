/** LinkedIn's error body: `{ message, serviceErrorCode, status }` (REST) or `{ error, error_description }` (OAuth). */
export interface ErrorEnvelope {
  readonly message?: string;
  readonly serviceErrorCode?: number;
  readonly code?: string;
  readonly status?: number;
  readonly error?: string;
  readonly error_description?: string;
}

const MAX_MESSAGE = 300;

/** The envelope fields of a body, if it has any. */
export function envelopeOf(body: unknown): ErrorEnvelope {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return {};
  const b = body as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === "string" ? v.slice(0, MAX_MESSAGE) : undefined);
  return {
    message: text(b.message),
    serviceErrorCode: typeof b.serviceErrorCode === "number" ? b.serviceErrorCode : undefined,
    code: text(b.code),
    status: typeof b.status === "number" ? b.status : undefined,
    error: text(b.error),
    error_description: text(b.error_description),
  };
}

/** A short rendering of an envelope for messages: `NONEXISTENT_VERSION: Requested version 202401 is not active`. */
export function describeEnvelope(envelope: ErrorEnvelope): string {
  const code = envelope.code ?? envelope.error ?? (envelope.serviceErrorCode !== undefined ? String(envelope.serviceErrorCode) : undefined);
  const message = envelope.message ?? envelope.error_description;
  if (code !== undefined && message !== undefined) return `${code}: ${message}`;
  return code ?? message ?? "no details";
}
