/**
 * GCS JSON API errors: `{ error: { code, message, errors: [{ domain, reason,
 * message, … }] } }` (GCS docs, "HTTP status and error codes for JSON",
 * https://cloud.google.com/storage/docs/json_api/v1/status-codes).
 */
export interface GcsErrorBody {
  readonly error: {
    readonly code: number;
    readonly message: string;
    readonly errors: readonly {
      readonly domain: string;
      readonly reason: string;
      readonly message: string;
      readonly locationType?: string;
      readonly location?: string;
    }[];
  };
}

/** A GCS error answer. */
export interface GcsErrorResponse {
  readonly status: number;
  readonly body: GcsErrorBody;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The envelope of a GCS error with one inner error. */
export function gcsError(status: number, reason: string, message: string, location?: { locationType: string; location: string }): GcsErrorResponse {
  return { status, body: { error: { code: status, message, errors: [{ domain: "global", reason, message, ...(location ?? {}) }] } } };
}

// The answers the status-codes page shows for each case.
/** 401 without an Authorization header: reason `required`, "Login Required". */
export const loginRequired = () => gcsError(401, "required", "Login Required", { locationType: "header", location: "Authorization" });
/** 401 for an unknown, revoked or expired bearer token: reason `authError`, "Invalid Credentials". */
export const invalidCredentials = () => gcsError(401, "authError", "Invalid Credentials", { locationType: "header", location: "Authorization" });
/** 404 for a bucket that does not exist. */
export const noSuchBucket = () => gcsError(404, "notFound", "The specified bucket does not exist.");
/** 404 for an object that does not exist. */
export const noSuchObject = (bucket: string, name: string) => gcsError(404, "notFound", `No such object: ${bucket}/${name}`);
/** 412 for a failed `ifGenerationMatch` / `ifMetagenerationMatch` (GCS docs, "Request preconditions"). */
export const conditionNotMet = () =>
  gcsError(412, "conditionNotMet", "At least one of the pre-conditions you specified did not hold.", { locationType: "header", location: "If-Match" });
/** 400 for a malformed request. */
export const invalid = (message: string) => gcsError(400, "invalid", message);
/** 429: the project or object exceeded a rate limit (reason `rateLimitExceeded`). */
export const rateLimited = () =>
  gcsError(
    429,
    "rateLimitExceeded",
    "The total number of changes to the object exceeds the rate limit. Please reduce the rate of create, update, and delete requests.",
  );
/** 5xx: "We encountered an internal error. Please try again." (reason `backendError`). */
export const backendError = (status: number) => gcsError(status, "backendError", "We encountered an internal error. Please try again.");
