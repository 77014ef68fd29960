import type { DestinationsErrorCode } from "../error-codes.js";
import type { AdapterContext, AuthState } from "../definition/adapter-context.js";
import type { DestinationDefinition } from "../definition/destination-definition.js";
import { AuthExpiredError, RetryableError, TerminalError } from "../errors.js";
import { createRequester, type RequestFn } from "../http/http-request.js";
import type { ActivationEventMap } from "./activation-events.js";
import type { ReportedApiUsage } from "./api-usage.js";
import { backoffDelay, type RandomSource } from "./backoff.js";
import type { RateLimiter } from "./rate-limiter.js";
import type { Redactor } from "./redactor.js";

/** Counters a caller updates. */
export interface CallCounters {
  requests: number;
  retries: number;
  tokenRefreshes: number;
}

/** What a caller needs from the run. */
export interface CallerDeps {
  readonly signal: AbortSignal;
  readonly now: string;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly clock: () => number;
  readonly random: RandomSource;
  /** Emits an event (the run's emitter, which redacts payloads). */
  readonly emit: <K extends keyof ActivationEventMap>(name: K, ...payload: ActivationEventMap[K]) => void;
  readonly redactor: Redactor;
  readonly limiter: RateLimiter;
  readonly counters: CallCounters;
  /** Called with every credential obtained (after it is known to the redactor), before it is used. */
  readonly onCredentials?: (auth: AuthState) => Promise<void>;
  /** Receives the API usage an adapter reports (`ctx.reportApiUsage`). */
  readonly reportApiUsage?: (usage: ReportedApiUsage) => void;
}

/** Options of {@link DestinationCaller.call}. */
export interface CallOptions {
  /** Do not authenticate first, and do not refresh on {@link AuthExpiredError} (the call is itself an authentication). */
  readonly skipAuth?: boolean;
  readonly onRetry?: (attempt: number, delayMs: number, error: RetryableError) => void;
}

/**
 * Calls an adapter's functions the way the runtime promises: within the rate
 * limit (per HTTP request when the destination declares `http`, per call otherwise), retrying {@link RetryableError}s with backoff (honouring Retry-After),
 * refreshing credentials after {@link AuthExpiredError}. Authentication and
 * refreshes are calls like any other: the same retry policy applies to them,
 * and concurrent callers share one. Unexpected errors propagate.
 */
export class DestinationCaller<Settings> {
  private auth: AuthState | undefined;
  private generation = 0;
  private obtaining: Promise<void> | undefined;
  private readonly request: RequestFn;
  /** The newest credential generation a request was answered under without being refused as unauthenticated. */
  private acceptedGeneration = -1;
  private readonly reportApiUsage = (usage: ReportedApiUsage): void => this.deps.reportApiUsage?.(usage);

  constructor(
    private readonly definition: DestinationDefinition<Settings>,
    private readonly settings: Settings,
    private readonly deps: CallerDeps,
  ) {
    const http = definition.http;
    const request: RequestFn =
      http === undefined
        ? () =>
            Promise.reject(
              new TerminalError<DestinationsErrorCode>("NO_HTTP_DECLARATION", `destination ${definition.id} declares no http, so ctx.request is not available`),
            )
        : createRequester({
            http,
            settings,
            auth: () => this.auth,
            signal: deps.signal,
            // Each HTTP request waits for the rate limiter and counts once.
            beforeRequest: async () => {
              await deps.limiter.acquire(deps.signal);
              deps.counters.requests++;
            },
          });
    // Remembers that the credentials worked: a later rejection of them is an expiry, not a refused refresh.
    this.request = async (req) => {
      const generation = this.generation;
      const response = await request(req);
      if (req.auth !== false) this.acceptedGeneration = Math.max(this.acceptedGeneration, generation);
      return response;
    };
  }

  /** True when requests are counted and limited one by one (`ctx.request`) rather than per adapter call. */
  private get countsHttp(): boolean {
    return this.definition.http !== undefined;
  }

  /** The context handed to adapter functions. */
  context(): AdapterContext<Settings> {
    const { signal, now, sleep, clock } = this.deps;
    return { settings: this.settings, auth: this.auth, signal, now, sleep, clock, request: this.request, reportApiUsage: this.reportApiUsage };
  }

  /** Obtains credentials with `fn` (retried like any call), once for all concurrent callers. */
  private obtain(label: string, fn: (ctx: AdapterContext<Settings>) => Promise<AuthState>, refreshReason?: string): Promise<void> {
    this.obtaining ??= (async () => {
      const auth = await this.call(label, fn, { skipAuth: true });
      this.auth = auth;
      this.generation++;
      this.deps.redactor.add(auth.accessToken);
      for (const v of Object.values(auth.extra ?? {})) this.deps.redactor.add(v);
      await this.deps.onCredentials?.(auth);
      if (refreshReason !== undefined) {
        this.deps.counters.tokenRefreshes++;
        this.deps.emit("auth:refreshed", { reason: refreshReason });
      }
    })().finally(() => {
      this.obtaining = undefined;
    });
    return this.obtaining;
  }

  /** Authenticates once, if the destination authenticates and has not yet. */
  async ensureAuthenticated(): Promise<void> {
    const authenticate = this.definition.authenticate;
    if (authenticate === undefined) return;
    while (this.auth === undefined) await this.obtain("authenticate", authenticate);
  }

  private async refresh(seenGeneration: number): Promise<void> {
    if (this.obtaining !== undefined) return this.obtaining; // someone is authenticating already
    if (this.generation !== seenGeneration) return; // someone refreshed since the rejected request started
    const refresh = this.definition.refreshAuth ?? this.definition.authenticate;
    if (refresh === undefined)
      throw new TerminalError<DestinationsErrorCode>("AUTH_FAILED", "the destination rejected the request as unauthenticated and has no way to authenticate");
    return this.obtain("refresh credentials", refresh, "access token rejected");
  }

  /**
   * Runs `fn` with retries. Retryable failures are retried up to the retry
   * policy's attempts; a rejected token is refreshed (with retries of its
   * own) once per consecutive rejection.
   */
  async call<T>(label: string, fn: (ctx: AdapterContext<Settings>) => Promise<T>, options: CallOptions = {}): Promise<T> {
    if (!options.skipAuth) await this.ensureAuthenticated();
    const policy = this.definition.retry;
    let refreshedSinceLastRejection = false;
    let refreshes = 0;
    for (let attempt = 1; ; attempt++) {
      this.deps.signal.throwIfAborted();
      if (!this.countsHttp) {
        await this.deps.limiter.acquire(this.deps.signal);
        this.deps.counters.requests++;
      }
      const generation = this.generation;
      try {
        return await fn(this.context());
      } catch (error) {
        if (this.deps.signal.aborted) throw error;
        if (error instanceof AuthExpiredError && !options.skipAuth) {
          if (refreshes >= policy.maxAttempts)
            throw new TerminalError<DestinationsErrorCode>("AUTH_FAILED", `${label}: the destination kept rejecting refreshed tokens`, { cause: error });
          refreshes++;
          if (generation !== this.generation) {
            attempt--; // it refused credentials another call has replaced since: try the current ones
            continue;
          }
          // A refreshed token rejected before any request was answered under it is refused outright; one that
          // worked and is rejected later (a call of several requests) is refreshed again, up to the retry attempts.
          const workedSince = this.countsHttp && this.acceptedGeneration >= generation;
          if (refreshedSinceLastRejection && !workedSince)
            throw new TerminalError<DestinationsErrorCode>("AUTH_FAILED", `${label}: the destination rejected a freshly refreshed token`, { cause: error });
          refreshedSinceLastRejection = true;
          await this.refresh(generation);
          attempt--; // a refresh is not a retry of the request itself
          continue;
        }
        if (!(error instanceof RetryableError)) throw error;
        refreshedSinceLastRejection = false;
        if (attempt >= policy.maxAttempts) throw error;
        const delayMs = backoffDelay(attempt, policy, this.deps.random, error.retryAfterMs);
        this.deps.counters.retries++;
        options.onRetry?.(attempt, delayMs, error);
        await this.deps.sleep(delayMs, this.deps.signal);
      }
    }
  }
}
