import type { RequestFn } from "../http/http-request.js";
import type { ReportedApiUsage } from "../runtime/api-usage.js";
import type { DestinationMember } from "./member.js";

/** Credentials an adapter obtained (an OAuth access token, a login). Every string in it is redacted everywhere. */
export interface AuthState {
  readonly accessToken: string;
  /** When the token stops working (ISO), if the service says. */
  readonly expiresAt?: string;
  /** Other values the adapter needs later (instance URL, refresh token). */
  readonly extra?: Readonly<Record<string, string>>;
}

/** What every adapter function receives. */
export interface AdapterContext<Settings> {
  /** Validated settings (secrets included: never log them). */
  readonly settings: Settings;
  /** Current credentials, when the destination authenticates. */
  readonly auth: AuthState | undefined;
  /** Aborted when the run is cancelled; pass it to every request. */
  readonly signal: AbortSignal;
  /** The run's moment (ISO). */
  readonly now: string;
  /** Waits `ms` (injectable, so tests do not wait real time). */
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Monotonic milliseconds, for the adapter's own timing (Retry-After dates, token expiry). */
  readonly clock: () => number;
  /**
   * Makes one HTTP request with the run's auth header, signal and timeout,
   * counted in `report.requests` and within the rate limit, and classifies
   * failures (see `HttpDeclaration`). Present when the destination declares `http`.
   */
  readonly request: RequestFn;
  /**
   * Records the API usage the service stated in an answer (Salesforce's
   * `Sforce-Limit-Info: api-usage=N/M`): the last one goes into
   * `report.apiUsage.reported`. Values that are not finite non-negative numbers are ignored.
   */
  readonly reportApiUsage: (usage: ReportedApiUsage) => void;
}

/** The abm-kit audience being activated, as the destination is told of it. */
export interface TargetAudience {
  readonly audienceId: string;
  readonly audienceName: string;
  /** What the members are: `person` also for an account audience sent as its accounts' people. */
  readonly type: "account" | "person";
  /** Present (true) when an account audience is sent as its accounts' people (plan option `people`): members are persons. */
  readonly throughAccounts?: true;
}

/** The destination-side audience (a LinkedIn DMP segment, a Marketo static list, a Salesforce campaign). */
export interface DestinationAudienceRef {
  /** The destination's id for it. */
  readonly externalId: string;
  /** True when this call created it. */
  readonly created?: boolean;
  /** Wait this long before the first send (LinkedIn: ~5 s after creating a segment). */
  readonly readyAfterMs?: number;
}

/** The destination audience a batch goes to, as this run came to know it. */
export interface BatchAudienceRef extends DestinationAudienceRef {
  /** The run clock's reading (`ctx.clock()`) when `ensureAudience` returned it; absent for a batch resumed from a run that died. */
  readonly ensuredAtMs?: number;
}

/** One request's worth of members to add to or remove from a destination audience. */
export interface MemberBatch {
  readonly action: "add" | "remove";
  readonly audience: TargetAudience;
  readonly externalId: string;
  /** The destination audience: whether this run created it (a 404 right after creating may mean "not visible yet"), and when. */
  readonly audienceRef: BatchAudienceRef;
  readonly members: readonly DestinationMember[];
  /**
   * Names this one intended application (`<run id>-<n>`): retries of the
   * request, and a resumed run sending the batch it had in flight, carry the
   * same key; anything else gets a new one, and keys never repeat. Send it so
   * the service can ignore a replay; a service may keep keys for any time.
   */
  readonly idempotencyKey: string;
}
