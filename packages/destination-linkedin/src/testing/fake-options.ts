import { ValidationError } from "@abm-kit/core";
import type { FaultSchedule } from "@abm-kit/destinations/testing";
import type { FakeMember, FakeRequestRecord } from "./fake-records.js";

/** How the fake LinkedIn behaves. Every delay and limit is an option, so tests can be fast. */
export interface FakeLinkedInOptions {
  /** The fake's calendar moment (ISO) for API-version checks and timestamps; default the wall clock when it starts. */
  readonly now?: string;
  /** Monotonic milliseconds for delays, rate windows and token lifetimes; default `performance.now`. */
  readonly clock?: () => number;
  /** The app's client id and secret (default `abm-kit-test-client` / `fake-client-secret`). */
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** Refresh tokens the fake accepts (default one, `fake-refresh-token`). */
  readonly refreshTokens?: readonly string[];
  /** Access token lifetime (LinkedIn: 60 days). */
  readonly accessTokenTtlSeconds?: number;
  /** Refresh token lifetime from the fake's start (LinkedIn: 365 days from the first grant; refreshing does not extend it). */
  readonly refreshTokenTtlSeconds?: number;
  /** Ad account ids the authorised member may manage; others get 403. Default: every account. */
  readonly adAccounts?: readonly (string | number)[];
  /** A new segment answers 404 on `/companies` and `/users` this long (LinkedIn: wait ~5 s). Default 5,000. */
  readonly propagationDelayMs?: number;
  /** A segment is `BUILDING` until this long after its last change, then `READY`. Default 10,000. */
  readonly processingDelayMs?: number;
  /** Requests per window per member endpoint (LinkedIn: users 600, companies 300 per minute). */
  readonly rateLimits?: { readonly users?: number; readonly companies?: number; readonly windowMs?: number };
  /** Most elements per `BATCH_CREATE` (default 5,000). */
  readonly maxBatchSize?: number;
  /** When given, only these versions exist (besides being at most 12 months old). */
  readonly knownVersions?: readonly string[];
  /** Months a version is served after its release month (default 12). */
  readonly versionLifetimeMonths?: number;
  /** Response headers that carry a new segment's id (default `["x-restli-id"]`). */
  readonly idHeaders?: readonly string[];
  /** Whether a member counts as matched (default: every member held, all having a valid identifier). */
  readonly match?: (member: FakeMember, type: "USER" | "COMPANY") => boolean;
  /** An extra per-element refusal on top of LinkedIn's rules (a reason refuses the element with 400): to test how a client handles per-item failures. */
  readonly rejectMember?: (element: Readonly<Record<string, unknown>>, type: "USER" | "COMPANY") => string | undefined;
  /** Extra milliseconds before each answer (after the request was applied). */
  readonly latencyMs?: number;
  /** Called after each request was handled and before it is answered (awaited): a place to crash a client mid-run. */
  readonly onRequest?: (record: FakeRequestRecord) => void | Promise<void>;
  /** Faults the harness injects in front of the fake (see `@abm-kit/destinations/testing`). */
  readonly faults?: FaultSchedule;
}

/** The options after defaults. */
export interface ResolvedFakeOptions {
  readonly nowMs: number;
  readonly clock: () => number;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly refreshTokens: readonly string[];
  readonly accessTokenTtlMs: number;
  readonly refreshTokenTtlMs: number;
  readonly adAccounts: ReadonlySet<string> | undefined;
  readonly propagationDelayMs: number;
  readonly processingDelayMs: number;
  readonly rateLimits: { readonly users: number; readonly companies: number; readonly windowMs: number };
  readonly maxBatchSize: number;
  readonly knownVersions: ReadonlySet<string> | undefined;
  readonly versionLifetimeMonths: number;
  readonly idHeaders: readonly string[];
  readonly match: (member: FakeMember, type: "USER" | "COMPANY") => boolean;
  readonly rejectMember: ((element: Readonly<Record<string, unknown>>, type: "USER" | "COMPANY") => string | undefined) | undefined;
  readonly latencyMs: number;
  readonly onRequest: ((record: FakeRequestRecord) => void | Promise<void>) | undefined;
}

/** The fake's default app credentials. */
export const FAKE_CLIENT_ID = "abm-kit-test-client";
export const FAKE_CLIENT_SECRET = "fake-client-secret";
export const FAKE_REFRESH_TOKEN = "fake-refresh-token";

/** Applies defaults; `wallClockIso` is the calendar moment used when `now` is not given. */
export function resolveFakeOptions(options: FakeLinkedInOptions, wallClockIso: () => string, monotonic: () => number): ResolvedFakeOptions {
  const now = options.now ?? wallClockIso();
  const nowMs = Date.parse(now);
  if (Number.isNaN(nowMs)) throw new ValidationError("fake LinkedIn options", [{ path: ["now"], message: "not an ISO date-time" }]);
  return {
    nowMs,
    clock: options.clock ?? monotonic,
    clientId: options.clientId ?? FAKE_CLIENT_ID,
    clientSecret: options.clientSecret ?? FAKE_CLIENT_SECRET,
    refreshTokens: options.refreshTokens ?? [FAKE_REFRESH_TOKEN],
    accessTokenTtlMs: (options.accessTokenTtlSeconds ?? 60 * 24 * 3600) * 1000,
    refreshTokenTtlMs: (options.refreshTokenTtlSeconds ?? 365 * 24 * 3600) * 1000,
    adAccounts: options.adAccounts === undefined ? undefined : new Set(options.adAccounts.map((a) => String(a).replace(/^urn:li:sponsoredAccount:/, ""))),
    propagationDelayMs: options.propagationDelayMs ?? 5000,
    processingDelayMs: options.processingDelayMs ?? 10_000,
    rateLimits: { users: options.rateLimits?.users ?? 600, companies: options.rateLimits?.companies ?? 300, windowMs: options.rateLimits?.windowMs ?? 60_000 },
    maxBatchSize: options.maxBatchSize ?? 5000,
    knownVersions: options.knownVersions === undefined ? undefined : new Set(options.knownVersions),
    versionLifetimeMonths: options.versionLifetimeMonths ?? 12,
    idHeaders: (options.idHeaders ?? ["x-restli-id"]).map((h) => h.toLowerCase()),
    match: options.match ?? (() => true),
    rejectMember: options.rejectMember,
    latencyMs: options.latencyMs ?? 0,
    onRequest: options.onRequest,
  };
}
