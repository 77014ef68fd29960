import type { AudienceErrorCode } from "../error-codes.js";
import { AbmKitError, type AttributeValue, type Problem, type Snapshot } from "@abm-kit/core";
import type { AudienceType } from "../definition/audience.js";
import type { AudienceResult } from "../evaluate/result.js";
import { memberTable } from "./member-rows.js";

/**
 * Any list of members a composition can take: an audience result, a composed
 * result, or a plain value of this shape. `memberIds` need not be sorted.
 */
export interface MemberList {
  readonly audienceId: string;
  readonly audienceName?: string;
  readonly type: AudienceType;
  readonly memberIds: readonly string[];
  /** When the list was evaluated (ISO instant), if known. */
  readonly now?: string;
  readonly warnings?: readonly Problem[];
}

/** One member as ranked: its place (1-based), id and the value it was ranked by (`null` when missing). */
export interface RankedMember {
  readonly rank: number;
  readonly id: string;
  readonly value: number | null;
}

/** A member with the attributes attached for export. */
export interface EnrichedMember {
  readonly id: string;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
}

/**
 * The result of a composition: an {@link AudienceResult} (so destinations,
 * references and the membership diff take it as they take an audience), plus
 * what rank and enrich add.
 */
export interface ComposedResult extends AudienceResult {
  /** For rank: the kept members in rank order, with the value each was ranked by. */
  readonly ranking?: readonly RankedMember[];
  /** With enrich: each member (in `memberIds` order) with its attached attributes. */
  readonly members?: readonly EnrichedMember[];
}

/** The id, name, version and time a composed result is given. */
export interface ResultIdentity {
  readonly id: string;
  /** Defaults to the id. */
  readonly name?: string | undefined;
  /** Defaults to 1. */
  readonly version?: number | undefined;
  /** ISO instant; defaults to the common `now` of the inputs. */
  readonly now?: string | undefined;
}

/**
 * Builds a composed result around a member set (sorted, unique). Members the
 * snapshot does not hold are left out and counted in a warning; the inputs'
 * warnings are carried over.
 */
export function composedResult(
  identity: ResultIdentity,
  snapshot: Snapshot,
  type: AudienceType,
  now: string,
  memberIds: readonly string[],
  inputs: readonly MemberList[],
  extras: { ranking?: readonly RankedMember[]; members?: readonly EnrichedMember[] } = {},
): ComposedResult {
  const table = memberTable(snapshot, type);
  const rows = new Int32Array(memberIds.length);
  const kept: string[] = [];
  for (const id of memberIds) {
    const row = table.indexOf(id);
    if (row >= 0) rows[kept.push(id) - 1] = row;
  }
  const warnings: Problem[] = [];
  for (const input of inputs) {
    for (const w of input.warnings ?? []) warnings.push(w.message.startsWith("in ") ? w : { ...w, message: `in ${input.audienceId}: ${w.message}` });
  }
  const unknown = unknownMembersWarning(memberIds.length - kept.length, type);
  if (unknown !== undefined) warnings.push(unknown);
  return {
    audienceId: identity.id,
    audienceName: identity.name ?? identity.id,
    audienceVersion: identity.version ?? 1,
    type,
    now,
    memberIds: kept,
    memberRows: kept.length === rows.length ? rows : rows.slice(0, kept.length),
    size: kept.length,
    warnings,
    ...extras,
  };
}

/**
 * Checks that each input really is a member list (an id, a type, an array of
 * string ids), so a malformed value gives a typed error naming it, not a TypeError.
 */
export function checkMemberLists(inputs: readonly MemberList[], what: string, root = "inputs"): void {
  const problems: Problem[] = [];
  if (!Array.isArray(inputs)) problems.push({ path: [root], message: "not an array of member lists" });
  else {
    inputs.forEach((input, i) => {
      if (typeof input !== "object" || input === null) return void problems.push({ path: [root, i], message: "not a member list" });
      if (typeof input.audienceId !== "string" || input.audienceId === "") problems.push({ path: [root, i, "audienceId"], message: "not a non-empty string" });
      if (input.type !== "account" && input.type !== "person") problems.push({ path: [root, i, "type"], message: "not account or person" });
      if (!Array.isArray(input.memberIds)) problems.push({ path: [root, i, "memberIds"], message: "not an array" });
      else {
        const bad = input.memberIds.findIndex((id: unknown) => typeof id !== "string" || id === "");
        if (bad >= 0) problems.push({ path: [root, i, "memberIds", bad], message: "not a non-empty string id" });
      }
      const now: unknown = input.now;
      if (now !== undefined && (typeof now !== "string" || Number.isNaN(Date.parse(now))))
        problems.push({ path: [root, i, "now"], message: "not an ISO instant" });
    });
  }
  if (problems.length > 0) throw new AbmKitError<AudienceErrorCode>("INVALID_MEMBER_LIST", `${what}: an input is not a member list`, problems);
}

/** The warning for `count` members the snapshot does not hold (undefined when there are none). */
export function unknownMembersWarning(count: number, type: AudienceType): Problem | undefined {
  return count > 0 ? { path: [], message: `${count} member(s) are not ${type}s of this snapshot and were left out`, code: "unknown_member" } : undefined;
}

/** The one entity type every input shares; a typed error when they differ or there is no input. */
export function commonType(inputs: readonly MemberList[], what: string): AudienceType {
  checkMemberLists(inputs, what);
  const first = inputs[0];
  if (first === undefined) {
    throw new AbmKitError<AudienceErrorCode>("COMPOSITION_EMPTY", `${what} needs at least one input`, [{ path: ["inputs"], message: "no input" }]);
  }
  const problems = inputs.flatMap((input, i) =>
    input.type === first.type
      ? []
      : [{ path: ["inputs", i, "type"], message: `${input.audienceId} holds ${input.type}s, ${first.audienceId} holds ${first.type}s` }],
  );
  if (problems.length > 0) throw new AbmKitError<AudienceErrorCode>("COMPOSITION_TYPE_MISMATCH", `${what} mixes account and person audiences`, problems);
  return first.type;
}

/** The time of a composed result: the one given, else the common `now` of the inputs. */
export function commonNow(inputs: readonly MemberList[], given: string | undefined): string {
  checkMemberLists(inputs, "composition");
  if (given !== undefined) {
    const ms = typeof given === "string" ? Date.parse(given) : Number.NaN;
    if (Number.isNaN(ms))
      throw new AbmKitError<AudienceErrorCode>("INVALID_OPTIONS", "now must be an ISO instant", [{ path: ["now"], message: "not a valid instant" }]);
    return new Date(ms).toISOString();
  }
  const times = new Set(inputs.flatMap((input) => (input.now === undefined ? [] : [input.now])));
  const [only] = times;
  if (times.size === 1 && only !== undefined) return only;
  const message = times.size === 0 ? "no input says when it was evaluated" : `the inputs were evaluated at different times (${[...times].sort().join(", ")})`;
  throw new AbmKitError<AudienceErrorCode>("COMPOSITION_TIME_UNKNOWN", `${message}; pass now`, [{ path: ["now"], message }]);
}
