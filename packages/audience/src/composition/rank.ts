import type { AudienceErrorCode } from "../error-codes.js";
import { AbmKitError, type Snapshot } from "@abm-kit/core";
import {
  commonNow,
  composedResult,
  unknownMembersWarning,
  type ComposedResult,
  type MemberList,
  type RankedMember,
  type ResultIdentity,
} from "./composed-result.js";
import { compareIds, toMemberSet } from "./member-set.js";
import { memberTable } from "./member-rows.js";
import type { MemberValue } from "./member-value.schema.js";
import { compileMemberValue } from "./member-value.js";
import { RankOptionsSchema, checkMemberList, checkOptions } from "./composition-options.js";

/** Options of {@link rank}. */
export interface RankOptions extends ResultIdentity {
  /** What to order by: a number, instant or date field, an aggregate over related rows, or an event count. */
  readonly by: MemberValue;
  /** `desc` (default): largest first. */
  readonly order?: "desc" | "asc" | undefined;
  /** How many members to keep (a positive integer). */
  readonly limit: number;
}

/**
 * The top `limit` members by a value. Ties go to the smaller id (code-unit
 * order); members whose value is missing come after every member with one.
 * Members the snapshot does not hold are not ranked (a warning counts them).
 * `memberIds` is in id order like every result; `ranking` lists the kept
 * members in rank order with their values.
 */
export function rank(input: MemberList, snapshot: Snapshot, options: RankOptions): ComposedResult {
  checkMemberList(input, "rank", "input");
  checkOptions(RankOptionsSchema, options, "rank");
  if (!Number.isInteger(options.limit) || options.limit < 1) {
    throw new AbmKitError<AudienceErrorCode>("INVALID_OPTIONS", "a rank limit is a positive integer", [{ path: ["limit"], message: "not a positive integer" }]);
  }
  const now = commonNow([input], options.now);
  const reader = compileMemberValue(snapshot, input.type, options.by, Date.parse(now), ["by"]);
  if (!reader.isNumeric) {
    throw new AbmKitError<AudienceErrorCode>("INVALID_MEMBER_VALUE", "rank orders by a number, instant or date", [
      { path: ["by"], message: "the value is not numeric" },
    ]);
  }
  const table = memberTable(snapshot, input.type);
  const sign = options.order === "asc" ? 1 : -1;
  const ids = toMemberSet(input.memberIds);
  const scored = ids.flatMap((id) => {
    const row = table.indexOf(id);
    return row < 0 ? [] : [{ id, value: reader.numeric(row) }];
  });
  scored.sort((a, b) => {
    const aMissing = Number.isNaN(a.value);
    const bMissing = Number.isNaN(b.value);
    if (aMissing !== bMissing) return aMissing ? 1 : -1;
    if (!aMissing && a.value !== b.value) return sign * (a.value - b.value);
    return compareIds(a.id, b.id);
  });
  const ranking: RankedMember[] = scored.slice(0, options.limit).map((m, i) => ({ rank: i + 1, id: m.id, value: Number.isNaN(m.value) ? null : m.value }));
  const result = composedResult(options, snapshot, input.type, now, toMemberSet(ranking.map((m) => m.id)), [input], { ranking });
  const unknown = unknownMembersWarning(ids.length - scored.length, input.type);
  return unknown === undefined ? result : { ...result, warnings: [...result.warnings, unknown] };
}
