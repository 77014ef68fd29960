import { parseNow, type NowInput } from "../evaluate/now.js";
import type { AudienceErrorCode } from "../error-codes.js";
import { AbmKitError, parseOrThrow, type Problem } from "@abm-kit/core";
import { z } from "zod";
import { MembershipStateSchema, type MembershipState } from "./membership-state.js";

const CurrentMembershipSchema = z.object({
  audienceId: z.string().min(1),
  type: z.enum(["account", "person"]),
  memberIds: z.array(z.string().min(1)),
});

/** Where a member stands after a run: new this run, still in, or gone since the last run. */
export type MembershipStatus = "realized" | "existing" | "exited";

/** One member's status in a diff, with when it first qualified and, for exits, when it left. */
export interface MemberStatus {
  readonly id: string;
  readonly status: MembershipStatus;
  /** When the member first qualified (kept across runs while it stays in). */
  readonly since: string;
  /** When the member was found gone (this run's `now`); only for `exited`. */
  readonly exitedAt?: string;
}

/** The audience result a diff reads: any value with these fields (an audience or composed result). */
export interface CurrentMembership {
  readonly audienceId: string;
  readonly type: "account" | "person";
  readonly memberIds: readonly string[];
}

/** The outcome of {@link diffMembership}. Every list is in ascending id order. */
export interface MembershipDiff {
  readonly audienceId: string;
  readonly type: "account" | "person";
  /** This run's time (ISO instant). */
  readonly now: string;
  /** Every member of the previous or the current run, with its status, by id. */
  readonly members: readonly MemberStatus[];
  readonly realized: readonly MemberStatus[];
  readonly existing: readonly MemberStatus[];
  readonly exited: readonly MemberStatus[];
  readonly counts: { readonly realized: number; readonly existing: number; readonly exited: number; readonly current: number };
  /** What to keep for the next run. */
  readonly state: MembershipState;
}

function checkPrevious(previous: MembershipState, current: CurrentMembership, nowMs: number): void {
  const problems: Problem[] = [];
  if (previous.audienceId !== current.audienceId) {
    problems.push({ path: ["previous", "audienceId"], message: `the state is of audience ${previous.audienceId}, the result of ${current.audienceId}` });
  }
  if (previous.type !== current.type) problems.push({ path: ["previous", "type"], message: `the state holds ${previous.type}s, the result ${current.type}s` });
  if (problems.length > 0) throw new AbmKitError<AudienceErrorCode>("MEMBERSHIP_STATE_MISMATCH", "the previous state belongs to another audience", problems);
  if (Date.parse(previous.evaluatedAt) > nowMs) {
    throw new AbmKitError<AudienceErrorCode>("MEMBERSHIP_STATE_FROM_FUTURE", "the previous state was evaluated after now", [
      { path: ["now"], message: `now is before the previous run (${previous.evaluatedAt})` },
    ]);
  }
}

/**
 * Compares this run's members with the state kept from the previous run: each
 * member is `realized` (new), `existing` (still in; `since` kept from its first
 * qualification) or `exited` (in the previous run, not in this one). Returns the
 * statuses and the state to keep for the next run. Without a previous state,
 * every member is realized. A member that exits and comes back later is
 * realized again, with a new `since`.
 *
 * `previous` may come straight from JSON: it is validated (typed error naming
 * every problem).
 */
export function diffMembership(previous: MembershipState | undefined, current: CurrentMembership, options: { now: NowInput }): MembershipDiff {
  const nowMs = parseNow((options as { now?: unknown } | null | undefined)?.now);
  const now = new Date(nowMs).toISOString();
  parseOrThrow(CurrentMembershipSchema, current, "audience result");
  const before = previous === undefined ? undefined : parseOrThrow(MembershipStateSchema, previous, "membership state");
  if (before !== undefined) checkPrevious(before, current, nowMs);
  const sinceById = new Map((before?.members ?? []).map((m) => [m.id, m.since] as const));
  const currentIds = new Set(current.memberIds);
  const ids = [...new Set([...sinceById.keys(), ...currentIds])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const members: MemberStatus[] = ids.map((id) => {
    const since = sinceById.get(id);
    if (!currentIds.has(id)) return { id, status: "exited", since: since!, exitedAt: now };
    return since === undefined ? { id, status: "realized", since: now } : { id, status: "existing", since };
  });
  const realized = members.filter((m) => m.status === "realized");
  const existing = members.filter((m) => m.status === "existing");
  const exited = members.filter((m) => m.status === "exited");
  return {
    audienceId: current.audienceId,
    type: current.type,
    now,
    members,
    realized,
    existing,
    exited,
    counts: { realized: realized.length, existing: existing.length, exited: exited.length, current: realized.length + existing.length },
    state: {
      audienceId: current.audienceId,
      type: current.type,
      evaluatedAt: now,
      members: members.filter((m) => m.status !== "exited").map((m) => ({ id: m.id, since: m.since })),
    },
  };
}
