import type { Fault, FaultSchedule } from "./fault.js";

/** Faults a token endpoint can answer with (never an expired-token 401). */
const TOKEN_FAULTS: readonly Fault[] = [
  { kind: "serverError", status: 503, apply: false },
  { kind: "reset", apply: true },
  { kind: "timeout", apply: true },
  { kind: "rateLimit", retryAfterSeconds: 1 },
  { kind: "malformed", apply: true },
  { kind: "serverError", status: 502, apply: true },
];

/** What {@link tokenFaultSchedule} did. */
export interface TokenFaultCounts {
  tokenRequests: number;
  tokenFaults: number;
  expiredTokens: number;
}

/**
 * A schedule that makes every authentication and refresh meet a fault: the
 * first attempt of each token request (paths matching `authPath`) fails with
 * a 5xx, a reset, a timeout, a 429 or a malformed body in turn, and every
 * third other request is refused as expired, so the adapter must refresh.
 */
export function tokenFaultSchedule(authPath: RegExp): { schedule: FaultSchedule; counts: TokenFaultCounts } {
  const counts: TokenFaultCounts = { tokenRequests: 0, tokenFaults: 0, expiredTokens: 0 };
  let other = 0;
  const schedule: FaultSchedule = (_index, request) => {
    if (authPath.test(request.path)) {
      const n = counts.tokenRequests++;
      if (n % 2 !== 0) return undefined;
      counts.tokenFaults++;
      return TOKEN_FAULTS[(n / 2) % TOKEN_FAULTS.length];
    }
    if (other++ % 3 !== 1) return undefined;
    counts.expiredTokens++;
    return { kind: "expiredToken" };
  };
  return { schedule, counts };
}
