import type { Snapshot } from "@abm-kit/core";
import { commonNow, commonType, composedResult, type ComposedResult, type MemberList } from "./composed-result.js";
import { differenceOfSets, toMemberSet, unionOfSets } from "./member-set.js";
import { NowOptionSchema, PriorityTiersSchema, checkOptions } from "./composition-options.js";

/** One tier of a priority list: the list it draws from and the id and name of its result. */
export interface PriorityTier {
  readonly id: string;
  readonly name?: string | undefined;
  readonly list: MemberList;
}

/**
 * Mutually exclusive tiers: each member goes to the first tier whose list
 * holds it, so no member is in two results. Results come in tier order.
 */
export function priorityList(tiers: readonly PriorityTier[], snapshot: Snapshot, options: { now?: string } = {}): ComposedResult[] {
  checkOptions(NowOptionSchema, options, "priority list");
  checkOptions(PriorityTiersSchema, tiers, "priority list", ["tiers"]);
  const lists = tiers.map((tier) => tier.list);
  const type = commonType(lists, "priority list");
  const now = commonNow(lists, options.now);
  let taken: string[] = [];
  return tiers.map((tier) => {
    const members = differenceOfSets(toMemberSet(tier.list.memberIds), taken);
    taken = unionOfSets(taken, members);
    return composedResult(tier, snapshot, type, now, members, [tier.list]);
  });
}
