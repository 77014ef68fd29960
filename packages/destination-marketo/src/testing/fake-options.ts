import { ValidationError } from "@abm-kit/core";
import type { FaultSchedule } from "@abm-kit/destinations/testing";
import type { FakeRequestRecord } from "./fake-records.js";

/** A folder the fake knows. */
export interface FakeFolder {
  readonly id: number;
  readonly name: string;
  readonly type: "Folder" | "Program";
}

/** Options of the fake Marketo. */
export interface FakeMarketoOptions {
  /** The fake's calendar at start (ISO; default the wall clock): the quota's day, the query-token removal. */
  readonly now?: string;
  /** Monotonic milliseconds (default `performance.now`): token lifetimes, rate windows, latencies. */
  readonly clock?: () => number;
  readonly munchkinId?: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** Access token lifetime (Marketo: 3,600 s). */
  readonly accessTokenTtlSeconds?: number;
  /** Calls per window (Marketo: 100 per 20 s → 606). */
  readonly rateLimit?: { readonly calls?: number; readonly windowMs?: number };
  /** Calls running at once (Marketo: 10 → 615). */
  readonly maxConcurrent?: number;
  /** Calls per day (Marketo: 50,000 by default → 607; the day starts at 12:00 AM US Central, taken as UTC−6). */
  readonly dailyQuota?: number;
  /** When the `access_token` query parameter stopped being accepted (authentication.md: 31 July 2026). */
  readonly queryTokenRemovedAt?: string;
  /** Folders lists may be created in (default one Folder, id 41, named "abm-kit"). */
  readonly folders?: readonly FakeFolder[];
  /** Lead fields (REST API names) besides the standard ones; a field neither standard nor listed is refused per lead (1006). */
  readonly customLeadFields?: readonly string[];
  /** Leads the instance holds at start (the same email twice makes a duplicate, for 1007). */
  readonly leads?: readonly ({ readonly email: string } & Readonly<Record<string, unknown>>)[];
  /** Milliseconds between a lead sync reading and writing (an upsert overlapping it for the same email creates a duplicate). Default 5. */
  readonly syncLatencyMs?: number;
  /** Extra milliseconds every call takes while it counts as running (for the concurrency limit). Default 0. */
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
  readonly munchkinId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly accessTokenTtlMs: number;
  readonly rateLimit: { readonly calls: number; readonly windowMs: number };
  readonly maxConcurrent: number;
  readonly dailyQuota: number;
  readonly queryTokenRemovedAtMs: number;
  readonly folders: readonly FakeFolder[];
  readonly leadFields: ReadonlySet<string>;
  readonly leads: readonly ({ readonly email: string } & Readonly<Record<string, unknown>>)[];
  readonly syncLatencyMs: number;
  readonly latencyMs: number;
  readonly onRequest: ((record: FakeRequestRecord) => void | Promise<void>) | undefined;
}

/** The fake's default credentials and instance. */
export const FAKE_MUNCHKIN_ID = "123-ABC-456";
export const FAKE_CLIENT_ID = "abm-kit-test-client";
export const FAKE_CLIENT_SECRET = "fake-marketo-client-secret";

/** Standard lead fields the fake knows (a subset of list-of-standard-fields.md). */
export const STANDARD_LEAD_FIELDS: readonly string[] = [
  "email",
  "firstName",
  "lastName",
  "middleName",
  "salutation",
  "title",
  "company",
  "phone",
  "mobilePhone",
  "fax",
  "address",
  "city",
  "state",
  "country",
  "postalCode",
  "website",
  "industry",
  "numberOfEmployees",
  "annualRevenue",
  "leadSource",
  "leadStatus",
  "department",
  "unsubscribed",
  "doNotCall",
  "dateOfBirth",
  "rating",
];

/** Applies defaults; `wallClockIso` is the calendar moment used when `now` is not given. */
export function resolveFakeOptions(options: FakeMarketoOptions, wallClockIso: () => string, monotonic: () => number): ResolvedFakeOptions {
  const now = options.now ?? wallClockIso();
  const nowMs = Date.parse(now);
  const removedMs = Date.parse(options.queryTokenRemovedAt ?? "2026-07-31T00:00:00.000Z");
  const problems = [
    ...(Number.isNaN(nowMs) ? [{ path: ["now"], message: "not an ISO date-time" }] : []),
    ...(Number.isNaN(removedMs) ? [{ path: ["queryTokenRemovedAt"], message: "not an ISO date-time" }] : []),
  ];
  if (problems.length > 0) throw new ValidationError("fake Marketo options", problems);
  return {
    nowMs,
    clock: options.clock ?? monotonic,
    munchkinId: options.munchkinId ?? FAKE_MUNCHKIN_ID,
    clientId: options.clientId ?? FAKE_CLIENT_ID,
    clientSecret: options.clientSecret ?? FAKE_CLIENT_SECRET,
    accessTokenTtlMs: (options.accessTokenTtlSeconds ?? 3600) * 1000,
    rateLimit: { calls: options.rateLimit?.calls ?? 100, windowMs: options.rateLimit?.windowMs ?? 20_000 },
    maxConcurrent: options.maxConcurrent ?? 10,
    dailyQuota: options.dailyQuota ?? 50_000,
    queryTokenRemovedAtMs: removedMs,
    folders: options.folders ?? [{ id: 41, name: "abm-kit", type: "Folder" }],
    leadFields: new Set([...STANDARD_LEAD_FIELDS, ...(options.customLeadFields ?? [])]),
    leads: options.leads ?? [],
    syncLatencyMs: options.syncLatencyMs ?? 5,
    latencyMs: options.latencyMs ?? 0,
    onRequest: options.onRequest,
  };
}
