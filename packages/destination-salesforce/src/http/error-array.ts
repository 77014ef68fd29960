/** One entry of a Salesforce REST error body: `[{ message, errorCode, fields }]`. */
export interface SalesforceError {
  readonly errorCode: string;
  readonly message: string;
  readonly fields?: readonly string[];
}

const MAX_MESSAGE = 300;

/** The errors of a body: Salesforce's array form, an OAuth `{ error, error_description }`, or none. */
export function errorsOf(body: unknown): SalesforceError[] {
  const list = Array.isArray(body) ? body : body !== null && typeof body === "object" ? [body] : [];
  const out: SalesforceError[] = [];
  for (const item of list) {
    if (item === null || typeof item !== "object") continue;
    const e = item as Record<string, unknown>;
    const code =
      typeof e.errorCode === "string" ? e.errorCode : typeof e.statusCode === "string" ? e.statusCode : typeof e.error === "string" ? e.error : undefined;
    const message = typeof e.message === "string" ? e.message : typeof e.error_description === "string" ? e.error_description : "";
    if (code !== undefined)
      out.push({
        errorCode: code.slice(0, 100),
        message: message.slice(0, MAX_MESSAGE),
        ...(Array.isArray(e.fields) ? { fields: e.fields.filter((f): f is string => typeof f === "string") } : {}),
      });
  }
  return out;
}

/** `CODE: message; CODE2: message2` for error messages. */
export function describeErrors(errors: readonly SalesforceError[]): string {
  return errors.length === 0 ? "no details" : errors.map((e) => (e.message === "" ? e.errorCode : `${e.errorCode}: ${e.message}`)).join("; ");
}
