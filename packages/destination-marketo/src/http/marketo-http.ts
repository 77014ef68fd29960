import type { MarketoErrorCode } from "../error-codes.js";
import { AuthExpiredError, RetryableError, TerminalError, type HttpDeclaration, type HttpResponse } from "@abm-kit/destinations";
import { MarketoActionRequiredError, MarketoQuotaError } from "../errors.js";
import type { MarketoSettings } from "../settings.js";
import { describeErrors, envelopeOf } from "./envelope.js";

/** The identity endpoint's path (under `identityBaseUrl`). */
export const IDENTITY_PATH = "/identity/oauth/token";

/** 6xx / 7xx codes worth asking again: timeout, unavailable, system error, invalid subscription (temporary), transient (error-codes.md). */
const RETRYABLE_CODES = new Set(["604", "608", "611", "614", "713"]);

/**
 * The error a Marketo REST answer means. Marketo answers errors with HTTP 200
 * and `success: false` (error-codes.md): 601 / 602 → {@link AuthExpiredError}
 * (the runtime fetches a new token once and repeats the call); 606 (100 calls
 * in 20 s) and 615 (10 concurrent calls) → retryable after `rateLimitWaitMs` /
 * `concurrencyWaitMs`; 604 / 608 / 611 / 614 / 713 → retryable; 607 (daily
 * quota) → {@link MarketoQuotaError} (the run stops, resumable after the
 * reset); 603 → {@link MarketoActionRequiredError}; any other code → terminal.
 * `undefined` for a success.
 */
export function marketoFailure(response: HttpResponse, settings: MarketoSettings): Error | undefined {
  const { status, what } = response;
  if (status !== 200 || response.malformed) return undefined; // 413, 414, 5xx, 401, unreadable bodies: the runtime's rules
  const envelope = envelopeOf(response.body);
  if (envelope.success === true) return undefined;
  if (envelope.success === undefined) return new RetryableError<MarketoErrorCode>("MALFORMED_RESPONSE", `${what} answered without a success flag`, { status });
  const code = envelope.errors[0]?.code ?? "";
  const details = describeErrors(envelope.errors);
  if (code === "601" || code === "602") return new AuthExpiredError(`${what} refused the access token (${details})`);
  if (code === "606") return new RetryableError<MarketoErrorCode>("MARKETO_606", `${what}: ${details}`, { status, retryAfterMs: settings.rateLimitWaitMs });
  if (code === "615") return new RetryableError<MarketoErrorCode>("MARKETO_615", `${what}: ${details}`, { status, retryAfterMs: settings.concurrencyWaitMs });
  if (RETRYABLE_CODES.has(code)) return new RetryableError<MarketoErrorCode>(`MARKETO_${code}`, `${what}: ${details}`, { status });
  if (code === "607") return new MarketoQuotaError(details);
  if (code === "603") {
    return new MarketoActionRequiredError(
      "MARKETO_ACCESS_DENIED",
      `Marketo refused access (${what}: ${details}). The custom service's API user needs a role with Read-Write Lead, Read-Write Assets and Read-Write Named Account (List) permissions, and an IP allowlist must admit this host.`,
      "clientId",
    );
  }
  return new TerminalError<MarketoErrorCode>(`MARKETO_${code || "ERROR"}`, `${what}: ${details}`, { status });
}

function identityFailure(response: HttpResponse): Error | undefined {
  if (response.status === 401) {
    return new MarketoActionRequiredError(
      "MARKETO_CLIENT_REJECTED",
      `Marketo's identity endpoint refused the client credentials (${response.what} returned 401). Check the clientId and clientSecret settings (Admin › LaunchPoint › View Details).`,
      "clientSecret",
    );
  }
  return undefined;
}

/**
 * How the adapter talks to Marketo through `ctx.request`: REST calls under
 * `restBaseUrl` with the run's token as `Authorization: Bearer` (the only
 * form Marketo accepts after 31 July 2026: authentication.md), the settings'
 * timeout, and Marketo's envelopes classified (see {@link marketoFailure}).
 */
export const marketoHttp: HttpDeclaration<MarketoSettings> = {
  baseUrl: (settings) => settings.restBaseUrl,
  timeoutMs: (settings) => settings.timeoutMs,
  rateLimitWaitMs: (settings) => settings.rateLimitWaitMs,
  classify: (response, settings) => (response.what.endsWith(` ${IDENTITY_PATH}`) ? identityFailure(response) : marketoFailure(response, settings)),
};
