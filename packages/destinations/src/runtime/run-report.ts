import type { GovernanceViolation } from "@abm-kit/guardrails";
import type { DestinationMember } from "../definition/member.js";
import type { ExportManifest } from "../files/manifest.js";
import type { SkipReason } from "../mapping/member-mapper.js";
import type { AccountPeopleCounts } from "./account-people.js";
import type { ApiUsage } from "./api-usage.js";

/** Counts of members not sent, by reason. */
export type SkipCounts = Record<SkipReason, number>;

/** A member the destination refused or that could not be sent after every retry. */
export interface MemberFailure {
  readonly audienceId: string;
  readonly memberId: string;
  readonly action: "add" | "remove";
  readonly code: string;
  readonly message: string;
}

/** What a dry run would have sent for one audience. */
export interface AudiencePreview {
  readonly adds: readonly DestinationMember[];
  readonly removes: readonly DestinationMember[];
  /** File names a file destination would write. */
  readonly files: readonly string[];
}

/** What happened to one audience in a run. */
export interface AudienceRunReport {
  readonly audienceId: string;
  readonly audienceName: string;
  /** The type of the members sent (`person` for an account audience sent as its people). */
  readonly type: "account" | "person";
  /** An account audience sent as its accounts' people (plan option `people`): how the accounts became people. `members` then counts those people. */
  readonly accountPeople?: AccountPeopleCounts;
  /** The destination's id of the audience, when it has one. */
  externalId: string | undefined;
  /** Member ids given (after removing duplicates). */
  readonly members: number;
  /** Members that should be at the destination (after exclusions, consent, mapping). */
  readonly desired: number;
  readonly realized: number;
  readonly existing: number;
  /** Existing members whose mapped fields changed. */
  readonly changed: number;
  readonly exited: number;
  /** Adds the destination confirmed. */
  exported: number;
  /** Removes the destination confirmed. */
  removed: number;
  failed: number;
  readonly skipped: SkipCounts;
  /** The export manifest (file destinations). */
  manifest: ExportManifest | undefined;
  readonly warnings: string[];
  /** What the destination says about the audience after the run (`describeAudience`): its status, matched count, size. */
  destination?: { readonly status?: string; readonly matchedCount?: number; readonly audienceSize?: number };
  /** Dry runs: what would be sent (the first `previewLimit` of each). */
  preview: AudiencePreview | undefined;
}

/** The outcome of {@link activate}: counts, requests, retries, failures and governance, with no secret in it. */
export interface RunReport {
  readonly planId: string;
  readonly destinationId: string;
  readonly mode: "full" | "incremental";
  readonly dryRun: boolean;
  readonly now: string;
  /**
   * `completed`; `completedWithFailures` (some members failed); `blocked`
   * (governance); `aborted`; `stopped` or `actionRequired` (the adapter threw
   * a `StopRunError` / `ActionRequiredError`: its message is among the warnings; running again resumes).
   */
  status: "completed" | "completedWithFailures" | "blocked" | "aborted" | "stopped" | "actionRequired";
  readonly audiences: AudienceRunReport[];
  readonly totals: { exported: number; removed: number; failed: number; skipped: SkipCounts };
  /**
   * Requests made to the destination: each HTTP request made with `ctx.request`
   * when the destination declares `http`, else each adapter call
   * (authentication, audience lookup, batches, file deliveries), retries included.
   */
  requests: number;
  retries: number;
  tokenRefreshes: number;
  /** Calls against the destination's daily budget (see `DailyCallBudget`) and the usage it reported; absent when it declares no budget and reported none. */
  apiUsage?: ApiUsage;
  durationMs: number;
  /** Per-member failures (the first 1,000; `failureCount` has them all). */
  readonly failures: MemberFailure[];
  failureCount: number;
  readonly governance: { readonly violations: readonly GovernanceViolation[]; readonly droppedTargets: readonly string[] };
  readonly warnings: string[];
}

/** Zero counts for every skip reason. */
export function emptySkipCounts(): SkipCounts {
  return { notInSnapshot: 0, missingRequiredField: 0, noConsent: 0, excluded: 0 };
}
