import type { Snapshot } from "@abm-kit/core";
import { checkMemberLists, commonNow, commonType, composedResult, type ComposedResult, type MemberList, type ResultIdentity } from "./composed-result.js";
import { differenceOfSets, intersectionOfSets, toMemberSet, unionOfSets } from "./member-set.js";
import { ResultIdentitySchema, checkOptions } from "./composition-options.js";

/** Members of any of the inputs. All inputs must hold the same entity type. */
export function union(inputs: readonly MemberList[], snapshot: Snapshot, identity: ResultIdentity): ComposedResult {
  checkOptions(ResultIdentitySchema, identity, "union");
  const type = commonType(inputs, "union");
  const now = commonNow(inputs, identity.now);
  const members = inputs.reduce<string[]>((acc, input) => unionOfSets(acc, toMemberSet(input.memberIds)), []);
  return composedResult(identity, snapshot, type, now, members, inputs);
}

/** Members of every input. All inputs must hold the same entity type. */
export function intersect(inputs: readonly MemberList[], snapshot: Snapshot, identity: ResultIdentity): ComposedResult {
  checkOptions(ResultIdentitySchema, identity, "intersect");
  const type = commonType(inputs, "intersect");
  const now = commonNow(inputs, identity.now);
  const [first, ...rest] = inputs.map((input) => toMemberSet(input.memberIds));
  const members = rest.reduce((acc, set) => intersectionOfSets(acc, set), first ?? []);
  return composedResult(identity, snapshot, type, now, members, inputs);
}

/**
 * Suppression: members of `from` that are in none of `suppress`. With no
 * suppression list, `from` unchanged.
 */
export function exclude(from: MemberList, suppress: readonly MemberList[], snapshot: Snapshot, identity: ResultIdentity): ComposedResult {
  checkOptions(ResultIdentitySchema, identity, "exclude");
  checkMemberLists(suppress, "exclude", "suppress");
  const all = [from, ...suppress];
  const type = commonType(all, "exclude");
  const now = commonNow(all, identity.now);
  const members = suppress.reduce((acc, list) => differenceOfSets(acc, toMemberSet(list.memberIds)), toMemberSet(from.memberIds));
  return composedResult(identity, snapshot, type, now, members, all);
}
