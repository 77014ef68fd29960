/**
 * A fault the harness injects into one request. `apply: true` means the
 * service processes the request first and the fault hits the response (the
 * client cannot know it succeeded); `apply: false` means it never reached the service.
 */
export type Fault =
  | { readonly kind: "rateLimit"; readonly retryAfterSeconds: number }
  | { readonly kind: "serverError"; readonly status: 500 | 502 | 503 | 504; readonly apply: boolean }
  | { readonly kind: "timeout"; readonly apply: boolean }
  | { readonly kind: "reset"; readonly apply: boolean }
  | { readonly kind: "malformed"; readonly apply: boolean }
  | { readonly kind: "expiredToken" };

/** Picks the fault (if any) for the `index`-th request (0-based) to `path`. */
export type FaultSchedule = (index: number, request: { readonly method: string; readonly path: string }) => Fault | undefined;

/** A schedule without faults. */
export const noFaults: FaultSchedule = () => undefined;

/** A seeded PRNG (mulberry32): the same seed gives the same sequence in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Paths of token requests, by default: a path with a segment `oauth`,
 * `oauth2`, `token`, `accessToken`, `auth` or `login` (`/oauth/token`,
 * `/identity/oauth/token`, `/oauth/v2/accessToken`, `/services/oauth2/token`).
 */
export const AUTH_PATH = /(^|\/)(oauth2?|token|accesstoken|auth|login)(\/|$)/i;

/** Options of {@link randomFaultSchedule}. */
export interface RandomFaultOptions {
  /** Requests to matching paths never get a fault. Default: none spared. */
  readonly spare?: RegExp;
  /**
   * Token requests. They get faults like any request except an expired-token
   * 401 (a token endpoint answers 401 only to wrong credentials), so every
   * authentication and refresh meets 429s, 5xx, timeouts, resets and
   * malformed bodies. Default {@link AUTH_PATH}.
   */
  readonly auth?: RegExp;
}

/**
 * A random fault schedule: each request (except to paths matching `spare`)
 * fails with probability `rate`, with a fault kind drawn uniformly (token
 * requests: any kind but an expired token). The schedule is fixed by the
 * seed, so a failing seed can be replayed. A `RegExp` as third argument is
 * `spare`.
 */
export function randomFaultSchedule(seed: number, rate = 0.3, options: RegExp | RandomFaultOptions = {}): FaultSchedule {
  const { spare, auth = AUTH_PATH } = options instanceof RegExp ? { spare: options } : options;
  const random = seededRandom(seed);
  const decided = new Map<number, Fault | undefined>();
  return (index, request) => {
    if (decided.has(index)) return decided.get(index);
    let fault: Fault | undefined;
    if (!(spare?.test(request.path) ?? false) && random() < rate) {
      const kinds = auth.test(request.path) ? 5 : 6;
      const pick = Math.floor(random() * kinds);
      const apply = random() < 0.5;
      fault =
        pick === 0
          ? { kind: "rateLimit", retryAfterSeconds: 1 + Math.floor(random() * 5) }
          : pick === 1
            ? { kind: "serverError", status: ([500, 502, 503, 504] as const)[Math.floor(random() * 4)]!, apply }
            : pick === 2
              ? { kind: "timeout", apply }
              : pick === 3
                ? { kind: "reset", apply }
                : pick === 4
                  ? { kind: "malformed", apply }
                  : { kind: "expiredToken" };
    }
    decided.set(index, fault);
    return fault;
  };
}

/** A description of a fault for logs ("timeout after apply"). */
export function describeFault(fault: Fault): string {
  switch (fault.kind) {
    case "rateLimit":
      return `429 Retry-After ${fault.retryAfterSeconds}`;
    case "serverError":
      return `${fault.status}${fault.apply ? " after apply" : ""}`;
    case "expiredToken":
      return "401 expired token";
    default:
      return `${fault.kind}${fault.apply ? " after apply" : ""}`;
  }
}
