import type { ServiceResponse } from "@abm-kit/destinations/testing";

/**
 * A REST error answer in LinkedIn's envelope `{ message, serviceErrorCode, status }`
 * (learn.microsoft.com/linkedin/shared/api-guide/concepts/error-handling);
 * `code` carries the named codes public clients see (`VERSION_MISSING`, `NONEXISTENT_VERSION`).
 * `serviceErrorCode` is only given where a source names one.
 */
export function restError(
  status: number,
  message: string,
  extra: { serviceErrorCode?: number; code?: string; headers?: Record<string, string> } = {},
): ServiceResponse {
  return {
    status,
    ...(extra.headers ? { headers: extra.headers } : {}),
    body: {
      status,
      message,
      ...(extra.serviceErrorCode !== undefined ? { serviceErrorCode: extra.serviceErrorCode } : {}),
      ...(extra.code ? { code: extra.code } : {}),
    },
  };
}

/** An OAuth error answer `{ error, error_description }` (RFC 6749 §5.2, as LinkedIn's token endpoint answers). */
export function oauthError(status: number, error: string, description: string): ServiceResponse {
  return { status, body: { error, error_description: description } };
}
