import type { AudienceErrorCode } from "../error-codes.js";
import { AbmKitError, type Snapshot } from "@abm-kit/core";
import { commonNow, composedResult, type ComposedResult, type MemberList } from "./composed-result.js";
import { toMemberSet } from "./member-set.js";
import { memberTable } from "./member-rows.js";
import { AttributeSplitOptionsSchema, checkMemberList, checkOptions } from "./composition-options.js";

/** A value an attribute split matches: strings exactly, numbers and booleans by value. */
export type SplitValue = string | number | boolean;

/** A branch of an attribute split: the members whose field holds one of `values`. */
export interface AttributeBranch {
  readonly id: string;
  readonly name?: string | undefined;
  readonly values: readonly SplitValue[];
}

/** Options of {@link splitByAttribute}. */
export interface AttributeSplitOptions {
  /** A field of the member entity (standard or custom). */
  readonly field: string;
  /** Tried in order: a member goes to the first branch one of its values matches. */
  readonly branches: readonly AttributeBranch[];
  /** Where members no branch takes go (missing values included). Without it they are left out, and counted in `unassigned`. */
  readonly otherwise?: { readonly id: string; readonly name?: string | undefined } | undefined;
  readonly now?: string;
}

/** The branches of an attribute split, and how many members no branch took. */
export interface AttributeSplitResult {
  readonly results: ComposedResult[];
  /** Members that matched no branch and had no `otherwise` to go to. */
  readonly unassigned: number;
}

/**
 * Splits members by the value of one field: each member goes to the first
 * branch listing one of its values (for multi-value fields, any of them).
 */
export function splitByAttribute(input: MemberList, snapshot: Snapshot, options: AttributeSplitOptions): AttributeSplitResult {
  checkMemberList(input, "attribute split", "input");
  checkOptions(AttributeSplitOptionsSchema, options, "attribute split");
  const table = memberTable(snapshot, input.type);
  const column = table.column(options.field);
  if (column === undefined) {
    throw new AbmKitError<AudienceErrorCode>("UNKNOWN_FIELD", `${input.type}s have no field ${options.field}`, [
      { path: ["field"], message: `no ${input.type} field ${options.field}` },
    ]);
  }
  const now = commonNow([input], options.now);
  const wanted = options.branches.map((branch) => new Set<SplitValue>(branch.values));
  const buckets: string[][] = options.branches.map(() => []);
  const rest: string[] = [];
  for (const id of toMemberSet(input.memberIds)) {
    const row = table.indexOf(id);
    const value = row < 0 ? null : column.value(row);
    const values: SplitValue[] = value === null ? [] : Array.isArray(value) ? value : [value];
    const b = wanted.findIndex((set) => values.some((v) => set.has(v)));
    if (b >= 0) buckets[b]!.push(id);
    else rest.push(id);
  }
  const results = options.branches.map((branch, i) => composedResult(branch, snapshot, input.type, now, buckets[i]!, [input]));
  if (options.otherwise !== undefined) results.push(composedResult(options.otherwise, snapshot, input.type, now, rest, [input]));
  return { results, unassigned: options.otherwise === undefined ? rest.length : 0 };
}
