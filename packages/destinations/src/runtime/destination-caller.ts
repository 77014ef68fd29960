import type { AdapterContext, AuthState, MemberBatch } from "../definition/adapter-context.js";
import type { DestinationDefinition } from "../definition/destination-definition.js";
import type { DestinationMember, MemberResult } from "../definition/member.js";
import { AuthExpiredError, RetryableError, TerminalError } from "../errors.js";
import type { ActivationEvents } from "./activation-events.js";
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
  readonly events: ActivationEvents;
  readonly redactor: Redactor;
  readonly limiter: RateLimiter;
  readonly counters: CallCounters;
}

/** A per-member outcome after all retries. */
export type FinalMemberResult = { ok: true } | { ok: false; code: string; message: string };

/**
 * Calls an adapter's functions the way the runtime promises: within the rate
 * limit, retrying {@link RetryableError}s with backoff (honouring Retry-After),
 * refreshing credentials once after {@link AuthExpiredError}, re-sending only
 * the members whose result was retryable. Unexpected errors propagate.
 */
export class DestinationCaller<Settings> {
  private auth: AuthState | undefined;
  private generation = 0;
  private refreshing: Promise<void> | undefined;

  constructor(
    private readonly definition: DestinationDefinition<Settings>,
    private readonly settings: Settings,
    private readonly deps: CallerDeps,
  ) {}

  /** The context handed to adapter functions. */
  context(): AdapterContext<Settings> {
    const { signal, now, sleep, clock } = this.deps;
    return { settings: this.settings, auth: this.auth, signal, now, sleep, clock };
  }

  private remember(auth: AuthState): void {
    this.auth = auth;
    this.generation++;
    this.deps.redactor.add(auth.accessToken);
    for (const v of Object.values(auth.extra ?? {})) this.deps.redactor.add(v);
  }

  /** Authenticates once, if the destination authenticates and has not yet. */
  async ensureAuthenticated(): Promise<void> {
    if (this.auth !== undefined || this.definition.authenticate === undefined) return;
    const authenticate = this.definition.authenticate;
    await this.call("authenticate", async (ctx) => this.remember(await authenticate(ctx)), { skipAuth: true });
  }

  private async refresh(seenGeneration: number): Promise<void> {
    if (this.generation !== seenGeneration) return; // someone refreshed already
    if (this.refreshing === undefined) {
      const refresh = this.definition.refreshAuth ?? this.definition.authenticate;
      if (refresh === undefined) throw new TerminalError("AUTH_FAILED", "the destination rejected the request as unauthenticated and has no way to authenticate");
      this.refreshing = (async () => {
        this.deps.counters.requests++;
        await this.deps.limiter.acquire(this.deps.signal);
        this.remember(await refresh(this.context()));
        this.deps.counters.tokenRefreshes++;
        this.deps.events.emit("auth:refreshed", { reason: "access token rejected" });
      })().finally(() => {
        this.refreshing = undefined;
      });
    }
    await this.refreshing;
  }

  /**
   * Runs `fn` with retries. Retryable failures are retried up to the retry
   * policy's attempts; a rejected token is refreshed once per consecutive rejection.
   */
  async call<T>(
    label: string,
    fn: (ctx: AdapterContext<Settings>) => Promise<T>,
    options: { skipAuth?: boolean; onRetry?: (attempt: number, delayMs: number, error: RetryableError) => void } = {},
  ): Promise<T> {
    if (!options.skipAuth) await this.ensureAuthenticated();
    const policy = this.definition.retry;
    let refreshedSinceLastRejection = false;
    for (let attempt = 1; ; attempt++) {
      this.deps.signal.throwIfAborted();
      await this.deps.limiter.acquire(this.deps.signal);
      this.deps.counters.requests++;
      const generation = this.generation;
      try {
        const result = await fn(this.context());
        return result;
      } catch (error) {
        if (this.deps.signal.aborted) throw error;
        if (error instanceof AuthExpiredError && !options.skipAuth) {
          if (refreshedSinceLastRejection) throw new TerminalError("AUTH_FAILED", `${label}: the destination rejected a freshly refreshed token`, { cause: error });
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

  /**
   * Sends a batch and retries the members whose result is retryable (only
   * them), until each member has a final result. Request-level failures
   * (after retries) become failures of every member still pending.
   */
  async sendBatch(
    sendBatch: NonNullable<DestinationDefinition<Settings>["sendBatch"]>,
    batch: Omit<MemberBatch, "members" | "idempotencyKey">,
    members: readonly DestinationMember[],
    keyOf: (members: readonly DestinationMember[]) => string,
  ): Promise<Map<string, FinalMemberResult>> {
    const final = new Map<string, FinalMemberResult>();
    let pending = members;
    const policy = this.definition.retry;
    let memberRound = 0;
    const onRetry = (attempt: number, delayMs: number, error: RetryableError) =>
      this.deps.events.emit("batch:retry", {
        audienceId: batch.audience.audienceId,
        action: batch.action,
        size: pending.length,
        attempt,
        delayMs,
        code: error.code,
        message: this.deps.redactor.text(error.message),
      });
    while (pending.length > 0) {
      memberRound++;
      const request: MemberBatch = { ...batch, members: pending, idempotencyKey: keyOf(pending) };
      let results: readonly MemberResult[];
      try {
        results = await this.call(`${batch.action} batch`, (ctx) => sendBatch(ctx, request), { onRetry });
      } catch (error) {
        if (this.deps.signal.aborted) throw error;
        if (error instanceof RetryableError || error instanceof TerminalError) {
          const message = this.deps.redactor.text(error.message);
          for (const m of pending) final.set(m.memberId, { ok: false, code: error.code, message });
          return final;
        }
        throw error;
      }
      const byId = new Map<string, MemberResult>();
      for (const r of Array.isArray(results) ? results : []) if (r && typeof r.memberId === "string") byId.set(r.memberId, r);
      const retry: DestinationMember[] = [];
      let lastRetryable: { code: string; message: string } | undefined;
      for (const m of pending) {
        const r = byId.get(m.memberId);
        if (r === undefined) final.set(m.memberId, { ok: false, code: "NO_RESULT", message: "the destination returned no result for this member" });
        else if (r.ok) final.set(m.memberId, { ok: true });
        else if (r.retryable && memberRound < policy.maxAttempts) {
          retry.push(m);
          lastRetryable = { code: r.code, message: r.message };
        } else final.set(m.memberId, { ok: false, code: r.code, message: this.deps.redactor.text(r.message) });
      }
      pending = retry;
      if (pending.length > 0) {
        const delayMs = backoffDelay(memberRound, policy, this.deps.random);
        this.deps.counters.retries++;
        this.deps.events.emit("batch:retry", {
          audienceId: batch.audience.audienceId,
          action: batch.action,
          size: pending.length,
          attempt: memberRound,
          delayMs,
          code: lastRetryable?.code ?? "RETRYABLE_MEMBERS",
          message: this.deps.redactor.text(lastRetryable?.message ?? "some members can be retried"),
        });
        await this.deps.sleep(delayMs, this.deps.signal);
      }
    }
    return final;
  }
}
